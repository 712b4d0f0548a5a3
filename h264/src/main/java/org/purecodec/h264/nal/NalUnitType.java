package org.purecodec.h264.nal;

/** nal_unit_type values (ITU-T H.264 Table 7-1) used by this decoder. */
public final class NalUnitType {
    private NalUnitType() {
    }

    /** Coded slice of a non-IDR picture. */
    public static final int SLICE = 1;
    /** Coded slice data partition A. */
    public static final int DPA = 2;
    /** Coded slice data partition B. */
    public static final int DPB = 3;
    /** Coded slice data partition C. */
    public static final int DPC = 4;
    /** Coded slice of an IDR picture. */
    public static final int IDR_SLICE = 5;
    /** Supplemental enhancement information. */
    public static final int SEI = 6;
    /** Sequence parameter set. */
    public static final int SPS = 7;
    /** Picture parameter set. */
    public static final int PPS = 8;
    /** Access unit delimiter. */
    public static final int AUD = 9;
    /** End of sequence. */
    public static final int END_OF_SEQUENCE = 10;
    /** End of stream. */
    public static final int END_OF_STREAM = 11;
    /** Filler data. */
    public static final int FILLER = 12;
    /** Sequence parameter set extension. */
    public static final int SPS_EXT = 13;
    /** Prefix NAL unit (SVC). */
    public static final int PREFIX = 14;
    /** Subset sequence parameter set (SVC/MVC). */
    public static final int SUBSET_SPS = 15;
    /** Coded slice of an auxiliary coded picture without partitioning. */
    public static final int AUX_SLICE = 19;
    /** Coded slice extension (SVC/MVC). */
    public static final int SLICE_EXT = 20;
}
