package org.purecodec.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.purecodec.h264.recon.Picture;

/** The per-block data of picture buffers: taken back only when nothing can read it, never from a picture in use. */
class OwnBackendBlocksTest {

    @Test
    void blockDataOfADecodedNonReferencePictureIsReused() {
        OwnBackend b = new OwnBackend(1);
        Picture p = b.take(2, 2);
        p.begin(1, 0);
        int[] mv = p.mv0;
        p.complete(null);
        b.releaseBlocks(p);
        assertFalse(p.hasBlocks(), "taken back from a complete picture nothing reads");
        Picture q = b.take(2, 2);
        assertTrue(q != p, "p was not recycled: a new buffer");
        assertSame(mv, q.mv0, "the next picture decodes with the block data taken back");
    }

    @Test
    void blockDataOfAPictureStillDecodingWaitsUntilItIsComplete() {
        OwnBackend b = new OwnBackend(1);
        Picture p = b.take(2, 2);
        p.begin(1, 0);
        b.releaseBlocks(p);
        assertTrue(p.hasBlocks(), "kept while the picture decodes");
        Picture q = b.take(2, 2);
        assertTrue(p.hasBlocks() && q.hasBlocks() && q.mv0 != p.mv0, "not given to another picture meanwhile");
        p.complete(null);
        Picture r = b.take(2, 2);
        assertFalse(p.hasBlocks(), "taken back once complete");
        assertNotNull(r.mv0);
    }

    /**
     * A picture let go while it was still decoding (listed to have its block data taken back later), whose data
     * was then taken back another way, reused for a new picture: that picture's block data must stay with it
     * when later buffers are taken.
     */
    @Test
    void aBufferTakenAgainKeepsItsNewBlockData() {
        OwnBackend b = new OwnBackend(1);
        Picture p = b.take(2, 2);
        p.begin(1, 0);
        b.recycle(p); // let go unseen while decoding: its block data is deferred, the buffer goes to the pool
        p.complete(null);
        b.releaseBlocks(p); // as a non-reference picture's end does
        Picture again = b.take(2, 2);
        assertSame(p, again, "the pooled buffer is reused");
        again.begin(2, 0);
        again.complete(null); // a reference picture: keeps its block data while the DPB holds it
        b.take(2, 2);
        assertTrue(again.hasBlocks(), "a reference picture in use lost its block data");
    }

    /**
     * A stream of frame and field pictures uses block data of two sizes (a field's is half as high): taking one
     * size keeps the spares of the other instead of dropping them (which made every switch allocate anew);
     * spares of an unrelated size (the picture size changed) are dropped.
     */
    @Test
    void sparesOfTheFrameAndFieldSizesAreBothKept() {
        OwnBackend b = new OwnBackend(1);
        Picture frame = b.take(2, 4);
        frame.begin(4, 0);
        frame.complete(null);
        b.releaseBlocks(frame); // spare: a frame's block data
        Picture field = b.take(2, 2); // a field's size: allocated, the frame's spare kept
        field.begin(8, 0);
        field.complete(null);
        b.releaseBlocks(field);
        Picture frame2 = b.take(2, 4);
        Picture field2 = b.take(2, 2);
        assertEquals(2, b.allocatedBlocks(), "the spares of both sizes were reused");
        field2.begin(12, 0);
        field2.complete(null);
        b.releaseBlocks(field2);
        frame2.begin(16, 0);
        frame2.complete(null);
        b.releaseBlocks(frame2);
        b.take(3, 3); // another size: both spares dropped, new block data
        b.take(2, 4);
        assertEquals(4, b.allocatedBlocks(), "spares of sizes the stream no longer uses are dropped");
    }
}
