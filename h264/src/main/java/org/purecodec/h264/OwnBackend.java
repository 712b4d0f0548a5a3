package org.purecodec.h264;

import java.util.ArrayDeque;
import java.util.List;

import org.purecodec.h264.kernels.Kernels;
import org.purecodec.h264.recon.Picture;
import org.purecodec.h264.recon.RefList;
import org.purecodec.h264.recon.SliceDecoder;
import org.purecodec.h264.syntax.SliceHeader;

/**
 * The backend boundary for our own slice decoding: the frame layer hands it the slices of one picture
 * (headers already parsed by our {@code SliceHeaderParser}) with reference lists from our DPB; it returns
 * the decoded, deblocked and padded {@link Picture}. Picture buffers are pooled here and recycled by the
 * frame layer when the DPB lets a picture go.
 */
final class OwnBackend implements DecodedFrame.Recycler {
    private final SliceDecoder slices = new SliceDecoder(Kernels.fast());
    private final ArrayDeque<Picture> free = new ArrayDeque<>();
    private Picture grey;
    private int nextId = 1;

    /**
     * Decodes one picture.
     *
     * @param headers  the slices' headers, in decoding order
     * @param rbsps    each slice NAL unit's RBSP (after the header byte)
     * @param lengths  the valid length of each RBSP buffer
     * @param lists    per slice {RefPicList0, RefPicList1} from our frame layer (null arrays for unused lists)
     * @param scaling  per slice the 8 resolved scaling lists, or null entries for flat
     */
    Picture decode(List<SliceHeader> headers, List<byte[]> rbsps, int[] lengths, List<Dpb.Pic[][]> lists, List<int[][]> scaling, int poc,
                   String where) {
        SliceHeader sh0 = headers.get(0);
        Picture pic = take(sh0.mbWidth(), sh0.mbHeight());
        pic.begin(nextId++, poc);
        slices.startPicture(pic);
        int i = 0;
        try {
            for (; i < headers.size(); i++) {
                SliceHeader sh = headers.get(i);
                if (sh.sps != sh0.sps) {
                    throw H264Exception.invalid("slices of one picture use different SPS");
                }
                Dpb.Pic[][] l = lists.get(i);
                fill(slices.list0(), l == null ? null : l[0], sh0);
                fill(slices.list1(), l == null ? null : l[1], sh0);
                byte[] rbsp = rbsps.get(i);
                slices.decodeSlice(sh, rbsp, lengths[i], scaling.get(i));
            }
            slices.finishPicture();
            return pic;
        } catch (H264Exception e) {
            recycle(pic);
            String slice = i < headers.size() ? ", slice " + i + " (first_mb_in_slice " + headers.get(i).firstMbInSlice + ")" : "";
            throw new H264Exception(e.kind(), where + slice + ": " + e.detail(), e);
        } catch (RuntimeException | StackOverflowError e) {
            recycle(pic);
            throw new H264Exception(H264Exception.Kind.INVALID_DATA, where + ", slice " + i + ": " + e, e);
        }
    }

    private void fill(RefList out, Dpb.Pic[] in, SliceHeader sh) {
        out.clear();
        if (in == null) {
            return;
        }
        out.count = in.length;
        for (int i = 0; i < in.length; i++) {
            Dpb.Pic p = in[i];
            if (p == null) {
                out.set(i, null, 0, false);
            } else {
                out.set(i, p.nonExisting ? grey(sh.mbWidth(), sh.mbHeight()) : p.pic, p.poc, p.longRef);
            }
        }
    }

    /** The picture that stands for every non-existing frame of a frame_num gap (8.2.5.2): mid-grey, no motion. */
    Picture grey(int mbW, int mbH) {
        if (grey == null || !grey.fits(mbW, mbH)) {
            grey = new Picture(mbW, mbH);
            grey.fillGrey();
            grey.id = 0;
        }
        return grey;
    }

    private synchronized Picture take(int mbW, int mbH) {
        while (!free.isEmpty()) {
            Picture p = free.pop();
            if (p.fits(mbW, mbH)) {
                return p;
            }
        }
        return new Picture(mbW, mbH);
    }

    /** Returns a picture buffer no longer referenced by the DPB or the output queue. */
    synchronized void recycle(Picture p) {
        if (p != null && p != grey && free.size() < 20) {
            free.push(p);
        }
    }

    /** Pictures handed out as {@link DecodedFrame}s without a copy, by their luma plane. */
    private final java.util.IdentityHashMap<byte[], Picture> handedOut = new java.util.IdentityHashMap<>();

    /** Hands the picture's planes out (the caller wraps them in a DecodedFrame with this as recycler). */
    synchronized void handOut(Picture p) {
        handedOut.put(p.luma, p);
    }

    /** A handed-out picture's frame was released: its buffer can be decoded into again. */
    @Override
    public synchronized void recycle(byte[][] planes, boolean pictureBuffer) {
        Picture p = handedOut.remove(planes[0]);
        if (p != null) {
            recycle(p);
        }
    }

    /** Drops pooled buffers. */
    synchronized void clear() {
        free.clear();
        handedOut.clear();
        grey = null;
    }
}
