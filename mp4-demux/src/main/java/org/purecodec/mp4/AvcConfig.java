package org.purecodec.mp4;

import java.util.List;

/**
 * An {@code avcC} box: the AVCDecoderConfigurationRecord of ISO/IEC 14496-15 5.3.3.
 *
 * @param configurationVersion 1
 * @param profile              AVCProfileIndication (66 Baseline, 77 Main, 100 High, ...)
 * @param profileCompatibility the constraint flags byte
 * @param level                AVCLevelIndication (e.g. 30 for level 3.0)
 * @param nalLengthSize        bytes of the length prefix of every NAL unit in a sample: 1, 2 or 4
 *                             (3 is reserved; it is reported as read and left to the decoder to refuse)
 * @param sps                  sequence parameter set NAL units, without length prefix
 * @param pps                  picture parameter set NAL units, without length prefix
 */
public record AvcConfig(int configurationVersion, int profile, int profileCompatibility, int level,
                        int nalLengthSize, List<byte[]> sps, List<byte[]> pps) {
}
