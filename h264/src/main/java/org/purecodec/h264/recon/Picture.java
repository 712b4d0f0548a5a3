package org.purecodec.h264.recon;

import java.util.Arrays;

import org.purecodec.h264.H264Exception;

import org.purecodec.h264.kernels.Planes;

/**
 * One decoded picture of our backend: three 8-bit planes with borders (so that motion compensation never
 * clips coordinates, {@link Planes#LUMA_PAD} / {@link Planes#CHROMA_PAD}), and the per-block facts later
 * pictures and the deblocking filter need, in flat arrays.
 *
 * <p>Per 4x4 luma block, indexed {@code (mbY * 4 + by) * b4Stride + mbX * 4 + bx}: motion vectors of lists 0
 * and 1 ({@code kernels.Mv} packed), reference indices (-1 = list not used, also for intra), and the
 * {@link #id} of the referenced pictures (-1 = none). Per macroblock: flags ({@link #INTRA},
 * {@link #TRANSFORM_8X8}, ...), QP<sub>Y</sub> as used by the deblocking filter, the slice number, and the mask of
 * 4x4 luma blocks with non-zero coefficients (bit {@code by * 4 + bx}; for 8x8-transform macroblocks the
 * 8x8 block's status on each of its four 4x4 blocks).
 */
public final class Picture {
    public static final int INTRA = 1;
    public static final int TRANSFORM_8X8 = 2;
    public static final int PCM = 4;
    public static final int SKIP = 8;
    /** Intra macroblock coded as I_NxN (its 4x4 / 8x8 prediction modes are in {@link #intraModes}). */
    public static final int INTRA_NXN = 16;
    /** Set once the macroblock has been decoded in the current picture. */
    public static final int DONE = 128;
    /** Inter macroblock whose 16 blocks all have the same references and motion vectors. */
    public static final int ONE_MOTION = 64;
    /**
     * Inter macroblock whose four 8x8 quadrants each have one motion (references and vectors) for their four
     * blocks; set with {@link #ONE_MOTION} too.
     */
    public static final int QUAD_MOTION = 32;

    public final int mbWidth;
    public final int mbHeight;
    /** Decoded size in samples (whole macroblocks). */
    public final int width;
    public final int height;

    /**
     * The sample planes, padded. Luma and Cb share one array (Cb first, then luma: {@code luma == cb}), Cr has
     * its own, so that {@link #cb} and {@link #cr} are addressed with the same {@link #chromaOff}. Each array
     * of a large picture is a "humongous" object to G1 (over half a region: 512 KB with the 1 MB regions of a
     * small heap), which takes whole regions; at 1080p three arrays took 3 + 1 + 1 regions (5 MB for 3.3 MB of
     * samples), two take 3 + 1. Address luma through {@link #lumaOff}, never from the start of the array.
     */
    public final byte[] luma;
    /** Cb plane: the same array as {@link #luma}, before the luma samples. */
    public final byte[] cb;
    public final byte[] cr;
    public final int lumaStride;
    public final int chromaStride;
    /** Offset of sample (0, 0) in {@link #luma}. */
    public final int lumaOff;
    /** Offset of sample (0, 0) in {@link #cb} / {@link #cr}. */
    public final int chromaOff;

    public final int b4Stride;
    /** Entries per row of {@link #refPic0} / {@link #refPic1}: two per macroblock. */
    public final int b8Stride;

    // The per-block data: while the picture decodes, and while a reference picture can be a later picture's
    // co-located one. The arrays belong to a Blocks object that the backend detaches from a picture that no
    // longer needs them (a non-reference picture once decoded, a reference picture once the DPB drops it),
    // so that pictures waiting for output or held by a caller's frame keep only their samples; these fields
    // are then null. Fields rather than an indirection through Blocks: the macroblock loop reads them directly.
    public int[] mv0;
    public int[] mv1;
    public byte[] ref0;
    public byte[] ref1;
    /**
     * The reference picture ({@link #id}; -1: none) of each 8x8 block for list 0 and 1, {@link #b8Stride} per
     * row of 8x8 blocks: a reference index never changes inside an 8x8 block (sub-macroblock partitions share
     * theirs, direct prediction derives one per 8x8 block or per macroblock), so one entry serves its four 4x4
     * blocks. (Per 4x4 block these two arrays were a third of the motion data.)
     */
    public int[] refPic0;
    public int[] refPic1;
    /** Intra4x4PredMode / Intra8x8PredMode per 4x4 block (8x8 modes repeated); -1 for other macroblocks. */
    public byte[] intraModes;
    public byte[] mbQp;
    public int[] mbSlice;
    public int[] codedMask;
    private Blocks blocks;

    /** Per macroblock (stays with the picture: small, and read after decoding to find missing macroblocks). */
    public final byte[] mbFlags;

    /** The per-block arrays of one picture size (about 1.7 MB at 1080p: a third of a picture buffer). */
    public static final class Blocks {
        final int mbWidth;
        final int mbHeight;
        final int[] mv0;
        final int[] mv1;
        final byte[] ref0;
        final byte[] ref1;
        final int[] refPic0;
        final int[] refPic1;
        final byte[] intraModes;
        final byte[] mbQp;
        final int[] mbSlice;
        final int[] codedMask;

        public Blocks(int mbWidth, int mbHeight) {
            this.mbWidth = mbWidth;
            this.mbHeight = mbHeight;
            int n4 = mbWidth * 4 * mbHeight * 4;
            mv0 = new int[n4];
            mv1 = new int[n4];
            ref0 = new byte[n4];
            ref1 = new byte[n4];
            refPic0 = new int[mbWidth * 2 * mbHeight * 2];
            refPic1 = new int[refPic0.length];
            intraModes = new byte[n4];
            int mbs = mbWidth * mbHeight;
            mbQp = new byte[mbs];
            mbSlice = new int[mbs];
            codedMask = new int[mbs];
        }

        /** Whether these arrays are for pictures of the given size in macroblocks. */
        public boolean fits(int mbW, int mbH) {
            return mbW == mbWidth && mbH == mbHeight;
        }
    }

    /** Gives the picture per-block arrays (of its size) to decode with. */
    public void attach(Blocks b) {
        if (!b.fits(mbWidth, mbHeight)) {
            throw new IllegalArgumentException("block data of " + b.mbWidth + "x" + b.mbHeight + " macroblocks for a picture of "
                    + mbWidth + "x" + mbHeight);
        }
        blocks = b;
        mv0 = b.mv0;
        mv1 = b.mv1;
        ref0 = b.ref0;
        ref1 = b.ref1;
        refPic0 = b.refPic0;
        refPic1 = b.refPic1;
        intraModes = b.intraModes;
        mbQp = b.mbQp;
        mbSlice = b.mbSlice;
        codedMask = b.codedMask;
    }

    /** Takes the per-block arrays away (null if the picture had none); nothing may read them here any more. */
    public Blocks detach() {
        Blocks b = blocks;
        blocks = null;
        mv0 = null;
        mv1 = null;
        ref0 = null;
        ref1 = null;
        refPic0 = null;
        refPic1 = null;
        intraModes = null;
        mbQp = null;
        mbSlice = null;
        codedMask = null;
        return b;
    }

    /** Whether the picture has its per-block arrays. */
    public boolean hasBlocks() {
        return blocks != null;
    }

    // Output bookkeeping, guarded by the backend that owns the buffer. Fields rather than a map in the backend:
    // a frame that is never released must not keep its buffer reachable once the decoder lets go of it.
    /** Output frames over this picture's planes that were not released yet. */
    public int framesOut;
    /** The decoder let go of this picture while a frame held it: it goes back to the pool with the last release. */
    public boolean freeWhenReleased;

    /**
     * A picture of a monochrome stream: its chroma planes hold 128 ({@link #fillChroma128}) and no stage writes
     * them (prediction, residual and deblocking of chroma are skipped; see {@code SliceHeader.monochrome()}).
     */
    public boolean monochrome;

    /**
     * Unique number of this picture's content (a new one for every decode into this buffer): a multiple of 4
     * for a frame buffer; its fields are {@code id + 1} (top) and {@code id + 2} (bottom), so that the frame
     * of a field's id is {@code id & ~3}.
     */
    public int id;

    /** For a field: the frame buffer it is half of; null for a frame. */
    public final Picture frame;
    /** For a field: 0 top, 1 bottom; -1 for a frame. */
    public final int parity;
    /** A frame's two fields, made on first use ({@link #field}). */
    private Picture[] fields;
    /**
     * The frame's content was decoded as two field pictures (PAFF): its per-block data is in its fields, and
     * it is complete once both are ({@code finishFrame} in the backend).
     */
    public boolean fieldCoded;
    /** Counts IDR pictures and mmco 5 before this one: a picture cannot refer to one of an earlier epoch. */
    public int epoch;
    public int poc;

    /** A picture buffer with its own per-block data. */
    public Picture(int mbWidth, int mbHeight) {
        this(mbWidth, mbHeight, true);
    }

    /** A picture buffer, with per-block data or without (to {@link #attach} before decoding into it). */
    public Picture(int mbWidth, int mbHeight, boolean withBlocks) {
        this.frame = null;
        this.parity = -1;
        this.mbWidth = mbWidth;
        this.mbHeight = mbHeight;
        this.width = mbWidth * 16;
        this.height = mbHeight * 16;
        lumaStride = width + 2 * Planes.LUMA_PAD;
        chromaStride = width / 2 + 2 * Planes.CHROMA_PAD;
        int chromaSize = chromaStride * (height / 2 + 2 * Planes.CHROMA_PAD);
        chromaOff = Planes.CHROMA_PAD * chromaStride + Planes.CHROMA_PAD;
        lumaOff = chromaSize + Planes.LUMA_PAD * lumaStride + Planes.LUMA_PAD;
        luma = new byte[chromaSize + lumaStride * (height + 2 * Planes.LUMA_PAD)];
        cb = luma;
        cr = new byte[chromaSize];
        b4Stride = mbWidth * 4;
        b8Stride = mbWidth * 2;
        mbFlags = new byte[mbWidth * mbHeight];
        if (withBlocks) {
            attach(new Blocks(mbWidth, mbHeight));
        }
    }

    /**
     * A field of {@code frame}: every other line of its planes (stride doubled, from line {@code parity}),
     * with its own macroblock flags, progress and (when decoded as a field) per-block data.
     */
    private Picture(Picture frame, int parity) {
        this.frame = frame;
        this.parity = parity;
        this.mbWidth = frame.mbWidth;
        this.mbHeight = frame.mbHeight / 2;
        this.width = frame.width;
        this.height = frame.height / 2;
        this.luma = frame.luma;
        this.cb = frame.cb;
        this.cr = frame.cr;
        this.lumaStride = frame.lumaStride * 2;
        this.chromaStride = frame.chromaStride * 2;
        this.lumaOff = frame.lumaOff + parity * frame.lumaStride;
        this.chromaOff = frame.chromaOff + parity * frame.chromaStride;
        this.b4Stride = frame.b4Stride;
        this.b8Stride = frame.b8Stride;
        this.mbFlags = new byte[mbWidth * mbHeight];
        this.id = frame.id + 1 + parity;
        this.epoch = frame.epoch;
        this.poc = frame.poc;
    }

    /**
     * The field of parity {@code p} (0 top, 1 bottom) of this frame buffer, as a picture of its own (the same
     * object every time). Its samples are this frame's; its id is this frame's plus 1 + p. Null for a frame of
     * an odd number of macroblock rows (a progressive stream's, which a damaged stream may still name as a
     * reference of a field): it has no fields.
     */
    public Picture field(int p) {
        if (frame != null) {
            throw new IllegalStateException("a field has no fields");
        }
        if ((mbHeight & 1) != 0) {
            return null;
        }
        if (fields == null) {
            fields = new Picture[2];
        }
        Picture f = fields[p];
        if (f == null) {
            f = new Picture(this, p);
            fields[p] = f;
        }
        f.id = id + 1 + p;
        f.epoch = epoch;
        return f;
    }

    /** The field of parity {@code p} if it has been made, else null (no allocation). */
    public Picture fieldIfMade(int p) {
        return fields == null ? null : fields[p];
    }

    /**
     * Ends a frame decoded as field pictures once both fields are decoded (or one for good, see
     * {@link #copyField}): pads the border rows above and below the frame as a frame's (the fields pad only
     * their sides) and completes it.
     */
    public void finishFieldCodedFrame(H264Exception failure) {
        padFieldCodedFrame();
        complete(failure);
    }

    /**
     * The first part of {@link #finishFieldCodedFrame}: pads the border rows above and below the frame and marks
     * every row final, without completing the picture (a frame thread completes it when its task ends, after
     * which the buffer may be reused at once).
     */
    public void padFieldCodedFrame() {
        padAbove();
        padBelow();
        synchronized (this) {
            ready = mbHeight;
            notifyAll();
        }
    }

    /**
     * Fills the lines of the field of parity {@code 1 - decoded} with the adjacent lines of the decoded field
     * (a field whose pair never came: the frame shows it line-doubled), borders included.
     */
    public void copyField(int decoded) {
        int step = decoded == 0 ? -1 : 1; // a missing bottom line repeats the top line above it, and vice versa
        for (int y = 1 - decoded; y < height; y += 2) {
            int from = y + step;
            System.arraycopy(luma, lumaOff - Planes.LUMA_PAD + from * lumaStride, luma, lumaOff - Planes.LUMA_PAD + y * lumaStride,
                    lumaStride);
        }
        for (int y = 1 - decoded; y < height / 2; y += 2) {
            int from = y + step;
            int cs = chromaOff - Planes.CHROMA_PAD;
            System.arraycopy(cb, cs + from * chromaStride, cb, cs + y * chromaStride, chromaStride);
            System.arraycopy(cr, cs + from * chromaStride, cr, cs + y * chromaStride, chromaStride);
        }
    }

    // Progress, for frame-level threading: a picture being decoded by one thread is read by the threads
    // decoding later pictures (motion compensation, co-located motion) as soon as the rows they need are
    // final. Rows only ever become final in order; a failed picture is completed all the same.
    /**
     * Macroblock rows [0, ready) are reconstructed and deblocked and their motion is stored. Until every row
     * is, the deblocking of row {@code ready} can still change the last three luma lines and the last chroma
     * line of row {@code ready - 1} (the top macroblock edge filter reaches p2 in luma, p0 in chroma), so the
     * final samples are those of {@link #finalLumaLines} and {@link #finalChromaLines}: readers need not
     * wait for the whole row.
     */
    private volatile int ready;
    private volatile boolean complete;
    private volatile H264Exception error;
    /**
     * How long a reader of this picture polls for a row before it blocks ({@link #awaitRow}); 0: block at
     * once. Set by whoever decodes into it (frame threads no more than processors: the poll runs on a core
     * that would otherwise idle).
     */
    public long spinNanos;

    /** Sets both chroma planes, borders included, to 128 (the chroma of a monochrome picture). */
    public void fillChroma128() {
        Arrays.fill(cb, 0, cr.length, (byte) 128); // Cb is the start of the luma array, as long as Cr
        Arrays.fill(cr, (byte) 128);
    }

    /** Prepares the buffer for a new picture: no macroblock decoded yet, no row final. */
    public void begin(int id, int poc) {
        this.id = id;
        this.poc = poc;
        if (fields != null) {
            // the fields of a frame begun anew: not decoded (a field picture begins its own), waiting for the frame
            for (Picture f : fields) {
                if (f != null) {
                    f.id = id + 1 + f.parity;
                    f.ready = 0;
                    f.complete = false;
                    f.error = null;
                }
            }
        }
        Arrays.fill(mbFlags, (byte) 0);
        ready = 0;
        complete = false;
        error = null;
    }

    /** Luma lines [0, n) that are final once {@code rows} macroblock rows are deblocked (see {@link #ready}). */
    int finalLumaLines(int rows) {
        return rows >= mbHeight ? height : Math.max(0, rows * 16 - 3);
    }

    /** Chroma lines [0, n) that are final once {@code rows} macroblock rows are deblocked. */
    int finalChromaLines(int rows) {
        return rows >= mbHeight ? height / 2 : Math.max(0, rows * 8 - 1);
    }

    /**
     * Publishes that macroblock rows [from, to) are now deblocked: pads the side borders of the sample lines
     * that this makes final (and the rows above the picture once line 0 is, below it with the last row).
     */
    public void publishRows(int from, int to) {
        if (to <= from) {
            return;
        }
        int cw = width / 2;
        int lumaFrom = finalLumaLines(from);
        int chromaFrom = finalChromaLines(from);
        Planes.padSides(luma, lumaOff, lumaStride, width, lumaFrom, finalLumaLines(to), Planes.LUMA_PAD);
        Planes.padSides(cb, chromaOff, chromaStride, cw, chromaFrom, finalChromaLines(to), Planes.CHROMA_PAD);
        Planes.padSides(cr, chromaOff, chromaStride, cw, chromaFrom, finalChromaLines(to), Planes.CHROMA_PAD);
        if (from == 0 && frame == null) { // a field's border rows are its frame's, padded when the frame is complete
            padAbove();
        }
        if (to == mbHeight && frame == null) {
            padBelow();
        }
        synchronized (this) {
            ready = to;
            notifyAll();
        }
    }

    /** Fills the border rows above the picture with copies of its first line (each plane). */
    private void padAbove() {
        int cw = width / 2;
        Planes.extendUp(luma, lumaOff, lumaStride, width, Planes.LUMA_PAD, Planes.LUMA_PAD);
        Planes.extendUp(cb, chromaOff, chromaStride, cw, Planes.CHROMA_PAD, Planes.CHROMA_PAD);
        Planes.extendUp(cr, chromaOff, chromaStride, cw, Planes.CHROMA_PAD, Planes.CHROMA_PAD);
    }

    /** Fills the border rows below the picture with copies of its last line (each plane). */
    private void padBelow() {
        int cw = width / 2;
        Planes.extendDown(luma, lumaOff, lumaStride, width, height, Planes.LUMA_PAD, Planes.LUMA_PAD);
        Planes.extendDown(cb, chromaOff, chromaStride, cw, height / 2, Planes.CHROMA_PAD, Planes.CHROMA_PAD);
        Planes.extendDown(cr, chromaOff, chromaStride, cw, height / 2, Planes.CHROMA_PAD, Planes.CHROMA_PAD);
    }

    /** Ends the picture, successfully ({@code failure} null) or not; every waiting thread goes on. */
    public void complete(H264Exception failure) {
        synchronized (this) {
            error = failure;
            complete = true;
            notifyAll();
        }
    }

    /** Whether decoding of this picture has ended (successfully or not). */
    public boolean isComplete() {
        return complete;
    }

    /** Why decoding of this picture failed, or null. */
    public H264Exception error() {
        return error;
    }

    /**
     * Waits until macroblock row {@code mbRow} is reconstructed and deblocked, its motion stored (or the
     * picture is complete).
     */
    public void awaitRow(int mbRow) {
        if (complete || ready > mbRow) {
            return;
        }
        if (frame != null && !frame.fieldCoded) {
            frame.awaitComplete(); // a field of a frame picture: final when the frame is
            return;
        }
        long spin = spinNanos;
        if (spin > 0) {
            // the row is mostly about one macroblock row's decoding away (~0.1 ms at 360p), and a thread
            // woken from wait() starts tens of microseconds after notifyAll(): poll for a while first
            long start = System.nanoTime();
            do {
                Thread.yield(); // (Thread.onSpinWait is not in every runtime the module supports)
                if (complete || ready > mbRow) {
                    return;
                }
            } while (System.nanoTime() - start < spin);
        }
        synchronized (this) {
            while (!complete && ready <= mbRow) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new H264Exception(H264Exception.Kind.ILLEGAL_STATE, "interrupted while waiting for a reference picture", e);
                }
            }
        }
    }

    /**
     * Waits until the samples down to luma row {@code lastLumaRow} and chroma row {@code lastChromaRow} can
     * be read (rows below the picture are border samples, padded when the picture is complete).
     */
    public void awaitSamples(int lastLumaRow, int lastChromaRow) {
        if (complete) {
            return;
        }
        awaitRow(rowsFor(lastLumaRow, lastChromaRow) - 1);
    }

    /**
     * The fewest deblocked rows that make luma lines up to {@code lastLumaRow} and chroma lines up to
     * {@code lastChromaRow} final: at least one (the rows above the picture are padded when line 0 is final),
     * all of them for lines below the picture (padded at the end).
     */
    int rowsFor(int lastLumaRow, int lastChromaRow) {
        if (lastLumaRow >= height || lastChromaRow >= height / 2) {
            return mbHeight;
        }
        int rows = Math.max(Math.floorDiv(lastLumaRow + 3, 16), Math.floorDiv(lastChromaRow + 1, 8)) + 1;
        return Math.min(Math.max(rows, 1), mbHeight);
    }

    /** Waits until decoding of this picture has ended. */
    public void awaitComplete() {
        awaitRow(mbHeight);
    }

    /** The address of the first macroblock not decoded, or -1 when every one has been. */
    public int firstMissingMb() {
        for (int i = 0; i < mbFlags.length; i++) {
            if ((mbFlags[i] & DONE) == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Checks that every macroblock has been decoded: INVALID_DATA naming the first missing one otherwise. */
    void requireEveryMb() {
        int missing = firstMissingMb();
        if (missing >= 0) {
            throw H264Exception.invalid("macroblock " + missing + " (x " + (missing % mbWidth) + ", y " + (missing / mbWidth)
                    + ") is not covered by any slice (slice data ended early or a slice is missing)");
        }
    }

    /**
     * Fills the picture with mid-grey, marked intra with no motion (a "non-existing" frame of a frame_num
     * gap; as a co-located picture it then gives zero motion).
     */
    public void fillGrey() {
        Arrays.fill(luma, (byte) 128); // and cb
        Arrays.fill(cr, (byte) 128);
        Arrays.fill(mv0, 0);
        Arrays.fill(mv1, 0);
        Arrays.fill(ref0, (byte) -1);
        Arrays.fill(ref1, (byte) -1);
        Arrays.fill(refPic0, -1);
        Arrays.fill(refPic1, -1);
        Arrays.fill(mbFlags, (byte) (DONE | INTRA));
        ready = mbHeight;
        complete = true;
    }

    /** Whether this buffer has the given size in macroblocks. */
    public boolean fits(int mbW, int mbH) {
        return mbW == mbWidth && mbH == mbHeight;
    }
}
