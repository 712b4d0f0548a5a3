package org.purecodec.h264;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.purecodec.h264.kernels.Kernels;
import org.purecodec.h264.recon.Picture;
import org.purecodec.h264.recon.RefList;
import org.purecodec.h264.recon.SliceDecoder;
import org.purecodec.h264.recon.SliceRows;
import org.purecodec.h264.syntax.SliceHeader;

/**
 * The backend boundary for our own slice decoding: the frame layer hands it the slices of one picture
 * (headers already parsed by our {@code SliceHeaderParser}) with reference lists from our DPB; it returns
 * the decoded, deblocked and padded {@link Picture}. Picture buffers are pooled here and recycled by the
 * frame layer when the DPB lets a picture go.
 *
 * <p>Frame threads (FFmpeg's frame threading): with {@code frameThreads >= 2}, {@link #submit} returns the
 * picture at once and a worker reconstructs it while the frame layer goes on with the next picture's
 * serial work (headers, reference lists, DPB). A worker reading a reference picture waits only for the
 * macroblock rows that the block's motion reaches ({@link Picture#awaitSamples}); every picture is
 * completed, also when it fails, so nobody waits forever. At most {@code frameThreads + 1} pictures are
 * in flight ({@code 5} with two frame threads and pictures up to 1280x720, see {@link #maxInFlight}); two
 * frame threads take the queued pictures out of order, reference pictures on one thread and the others on
 * the other ({@link #pick}). A buffer the DPB let go is reused only once its own decode has ended and no
 * picture in flight predicts from it.
 *
 * <p>Field pictures are decoded into one of the two field {@link Picture}s of a frame buffer (every other
 * line): on one thread as they come ({@link #decodeField}); with frame threads the two fields of a frame by one
 * task, one after the other, submitted once the second field is known ({@link #prepareFirstField},
 * {@link #submitSecondField}), so that frames coded as fields overlap like frame pictures.
 *
 * <p>Slice threads (FFmpeg's slice threading, instead of frame threads): with {@code sliceThreads >= 2} the
 * slices of a picture are decoded at the same time by the calling thread and up to {@code sliceThreads - 1}
 * helper threads, each with a {@link SliceDecoder} of its own, and the rows are deblocked as they become
 * complete ({@link SliceRows}); pictures still come one after the other, so no frame is delayed. A picture of
 * one slice, or whose slices do not come in increasing {@code first_mb_in_slice} order, is decoded on the
 * calling thread alone.
 */
final class OwnBackend {
    private final int frameThreads;
    private final SliceDecoder slices = new SliceDecoder(Kernels.fast());
    /**
     * Picture buffers to reuse (a stack: the most recently freed on top), each once its own decode has ended
     * (the DPB can let go of a picture still in flight, one decoded but not for output) and no picture in
     * flight reads it.
     */
    private final Picture[] free = new Picture[20];
    /** Frame threads: per picture, how many references to it the reference lists of the pictures in flight hold. */
    private final IdentityHashMap<Picture, Integer> readers = new IdentityHashMap<>();
    private int freeCount;
    /** The task of {@link #decode} (one thread: reused). */
    private final Task syncTask = new Task();
    /** Frame threads: tasks whose pictures are done, to reuse. */
    private final ArrayDeque<Task> freeTasks = new ArrayDeque<>();
    /** Frame threads: the task whose batch the frame layer is filling, submitted next. */
    private Task next;
    private Picture grey;
    /** Id of the next picture (guarded by this): multiples of 4, a frame's fields take the next two numbers. */
    private int nextId = 4;

    // frame threads
    private ExecutorService workers;
    private final List<Thread> workerThreads = new ArrayList<>();
    private final ArrayDeque<SliceDecoder> idleDecoders = new ArrayDeque<>();
    /** Tasks submitted and not yet taken by a frame thread, oldest first (guarded by this). */
    private final List<Task> queued = new ArrayList<>();
    /** The index of the frame thread running this code (0 on other threads). */
    private static final ThreadLocal<Integer> WORKER = ThreadLocal.withInitial(() -> 0);
    /** Pictures submitted and not yet ended. */
    private int inFlight;
    /** The lowest id of a picture that failed since the last {@link #takeFailure()} (MAX_VALUE: none), and why. */
    private int failedId = Integer.MAX_VALUE;
    private int failedEpoch;
    private H264Exception failure;
    /**
     * An Error other than StackOverflowError (out of memory, above all) that ended a picture on a frame thread
     * since the last {@link #takeFailure()}: the caller gets it as it is, not as a damaged picture.
     */
    private Error fatal;
    /** The kernels of each frame thread's slice decoder (tests put failing ones here). */
    Supplier<Kernels> frameThreadKernels = Kernels::fast;
    /** Reports a frame thread's failure when even building its message failed (out of memory). */
    private static final H264Exception FRAME_THREAD_FAILED = new H264Exception(H264Exception.Kind.ILLEGAL_STATE,
            "a frame thread failed and no memory was left to say more");
    /** Pictures of a later epoch (after an IDR or mmco 5) cannot refer to pictures of an earlier one. */
    private int epoch;

    /**
     * How long frame threads poll for a reference row before blocking (see {@link Picture#spinNanos}): only
     * when each can have a processor of its own, so that polling never holds up the thread it waits for.
     */
    private final long spinNanos;

    // slice threads
    private final int sliceThreads;
    /** The rows of the picture the slice threads share (the calling thread decodes with {@link #slices}). */
    private SliceRows sliceRows;
    /** The helper threads, started when first needed, each with its decoder. */
    private SliceHelper[] sliceHelpers;
    private final SliceJob sliceJob;
    /** Pictures decoded by slice threads so far (for tests). */
    private long slicedPictures;

    /** @param frameThreads 0 or 1: decode on the calling thread; 2 or more: that many frame threads */
    OwnBackend(int frameThreads) {
        this(frameThreads, 1);
    }

    /**
     * @param frameThreads 0 or 1: decode pictures on the calling thread; 2 or more: that many frame threads
     * @param sliceThreads 2 or more (with at most one frame thread): decode the slices of a picture on the
     *                     calling thread and that many minus one helpers
     */
    OwnBackend(int frameThreads, int sliceThreads) {
        if (frameThreads >= 2 && sliceThreads >= 2) {
            throw new IllegalArgumentException("frame threads and slice threads together are not supported");
        }
        this.frameThreads = frameThreads;
        this.sliceThreads = Math.max(1, sliceThreads);
        this.sliceJob = new SliceJob(sliceThreads >= 2 && sliceThreads <= Runtime.getRuntime().availableProcessors()
                ? 200_000 : 0);
        this.spinNanos = frameThreads >= 2 && frameThreads <= Runtime.getRuntime().availableProcessors() ? 200_000 : 0;
    }

    boolean frameThreaded() {
        return frameThreads >= 2;
    }

    /** One slice's reference lists as the frame layer had them when the picture was submitted. */
    private static final class Lists {
        final Picture[][] pic = {new Picture[0], new Picture[0]};
        final int[][] poc = {new int[0], new int[0]};
        final boolean[][] longTerm = {new boolean[0], new boolean[0]};
        /** Entries of each list; -1 for a list the slice does not use. */
        final int[] count = new int[2];
    }

    /** Everything one picture's reconstruction needs, owned by it (the frame layer reuses its own buffers). */
    private static final class Task {
        Picture pic;
        /** The slices, parsed by the frame layer into this task's own buffers. */
        final SliceBatch batch = new SliceBatch();
        final List<Lists> lists = new ArrayList<>();
        final List<int[][]> scaling = new ArrayList<>();
        FrameWhere where;
        /** PicOrderCnt as decoded (the frame layer may renumber the picture after mmco 5 meanwhile). */
        int poc;
        /** nal_ref_idc != 0: later pictures may predict from it. */
        boolean reference;
        /** The distinct pictures of all its slices' reference lists, [0, refCount). */
        Picture[] refs = new Picture[4];
        int refCount;
        /**
         * Frame threads, field pictures: the parity (0 top, 1 bottom) of the field this task decodes into its
         * frame buffer {@link #pic}, or -1 for a frame picture; a first field's task carries the task of its
         * second field ({@link #second}, null when it has none) and runs both, one after the other.
         */
        int parity = -1;
        Task second;

        void addRef(Picture p) {
            for (int i = 0; i < refCount; i++) {
                if (refs[i] == p) {
                    return;
                }
            }
            if (refCount == refs.length) {
                refs = Arrays.copyOf(refs, refCount * 2);
            }
            refs[refCount++] = p;
        }
    }

    /**
     * The batch the frame layer parses the next picture's slices into, for {@link #decode} or
     * {@link #submit}: one reused batch on one thread; with frame threads, the batch of a task taken from
     * the pool (tasks go back to it when their picture has been reconstructed).
     */
    SliceBatch batch() {
        if (!frameThreaded()) {
            return syncTask.batch;
        }
        synchronized (this) {
            if (next == null) {
                next = freeTasks.isEmpty() ? new Task() : freeTasks.pop();
            }
            return next.batch;
        }
    }

    /**
     * Decodes one picture on the calling thread.
     *
     * @param batch    the slices, from {@link #batch()}
     * @param lists    per slice {RefPicList0, RefPicList1} from our frame layer (null arrays for unused lists)
     * @param scaling  per slice the 8 resolved scaling lists, or null entries for flat
     */
    Picture decode(SliceBatch batch, List<Dpb.Pic[][]> lists, List<int[][]> scaling, int poc, FrameWhere where) {
        if (batch != syncTask.batch) {
            throw new IllegalStateException("not the batch of this backend");
        }
        Task t = task(syncTask, lists, scaling, poc, where);
        try {
            runOnCaller(t, t.pic);
            t.pic.complete(null);
            if (!t.reference) {
                releaseBlocks(t.pic); // nothing predicts from it
            }
            return t.pic;
        } catch (H264Exception e) {
            t.pic.complete(e);
            recycle(t.pic);
            throw e;
        }
    }

    /**
     * Starts decoding one picture on a frame thread (waiting while the most pictures allowed are in flight)
     * and returns it; arguments as for {@link #decode}. The RBSP buffers and headers must not be
     * changed afterwards. A failure is kept in the picture ({@link Picture#error()}) and reported by
     * {@link #takeFailure()}.
     */
    Picture submit(SliceBatch batch, List<Dpb.Pic[][]> lists, List<int[][]> scaling, int poc, FrameWhere where) {
        Task t = takeNext(batch);
        task(t, lists, scaling, poc, where);
        Picture pic = t.pic; // (a frame thread may end the task and clear it before enqueue returns)
        enqueue(t);
        return pic;
    }

    /** The task whose batch the frame layer filled ({@link #batch()}), which must be {@code batch}. */
    private Task takeNext(SliceBatch batch) {
        Task t;
        synchronized (this) {
            t = next;
            next = null;
        }
        if (t == null || t.batch != batch) {
            throw new IllegalStateException("not the batch of this backend's next task");
        }
        return t;
    }

    /** Queues a prepared task for a frame thread, waiting while the most pictures allowed are in flight. */
    private void enqueue(Task t) {
        Picture pic = t.pic;
        FrameWhere where = t.where;
        ExecutorService pool = workers();
        int most = maxInFlight(pic.mbWidth * pic.mbHeight);
        synchronized (this) {
            try {
                while (inFlight >= most) {
                    wait(); // a frame thread ending a picture notifies
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                H264Exception failure = new H264Exception(H264Exception.Kind.ILLEGAL_STATE, where
                        + ": interrupted while waiting for a frame thread", e);
                if (t.parity >= 0) {
                    // a field pair: the DPB holds its frame already; it ends failed (never output), nobody waits for it
                    t.pic.field(0).complete(failure);
                    t.pic.field(1).complete(failure);
                    t.pic.complete(failure);
                } else {
                    recycle(t.pic);
                }
                free(t);
                throw failure;
            }
            inFlight++;
            countReaders(t, 1);
            queued.add(t);
        }
        try {
            pool.execute(this::runQueued); // one run per task: each takes the queued task that suits its thread
        } catch (RuntimeException | Error e) {
            // no run for it (no thread: out of memory for its stack): with one run fewer than tasks, one task
            // stays queued -- the youngest is failed here, reported like any failure, so nobody waits for it
            Task dropped;
            synchronized (this) {
                dropped = queued.isEmpty() ? null : queued.remove(queued.size() - 1);
            }
            if (dropped != null) {
                end(dropped, null, e);
            }
        }
    }

    /**
     * Runs one queued task on a frame thread: the one {@link #pick} chooses for this thread, which is not
     * necessarily the one this run was submitted for (there are as many runs as tasks).
     */
    private void runQueued() {
        Task t;
        SliceDecoder sd;
        synchronized (this) {
            t = queued.remove(pick(WORKER.get()));
            sd = idleDecoders.poll();
        }
        Throwable thrown = null;
        try {
            if (sd == null) {
                sd = new SliceDecoder(frameThreadKernels.get());
            }
            if (t.parity >= 0) {
                runFields(sd, t);
            } else {
                run(sd, t);
            }
        } catch (Throwable e) { // nothing may escape: pictures predicting from t's, and drain(), wait for it to end
            thrown = e;
        } finally {
            end(t, sd, thrown);
        }
    }

    /**
     * Ends a task that a frame thread ran: completes its picture (failed when {@code thrown} is not null) and
     * gives back its place in flight, its slice decoder (when it got one) and its buffers. It must get
     * through even when the heap is exhausted: it allocates only to describe a failure that is not an
     * H264Exception, and falls back to {@link #FRAME_THREAD_FAILED} when that fails too.
     */
    private void end(Task t, SliceDecoder sd, Throwable thrown) {
        H264Exception failure = null;
        if (thrown instanceof H264Exception) {
            failure = (H264Exception) thrown;
        } else if (thrown != null) {
            try {
                failure = new H264Exception(H264Exception.Kind.ILLEGAL_STATE, t.where + ": frame thread failed: " + thrown, thrown);
            } catch (Throwable again) {
                failure = FRAME_THREAD_FAILED;
            }
        }
        synchronized (this) {
            if (failure != null && t.pic.id < failedId) {
                failedId = t.pic.id;
                failedEpoch = t.pic.epoch;
                this.failure = failure;
            }
            if (thrown instanceof Error && !(thrown instanceof StackOverflowError) && fatal == null) {
                fatal = (Error) thrown;
            }
            if (t.parity >= 0) {
                // a field pair: a field left undecoded by a failure is complete too, so that nobody waits for it
                for (int f = 0; f < 2; f++) {
                    Picture field = t.pic.field(f);
                    if (!field.isComplete()) {
                        field.complete(failure);
                    }
                }
            }
            t.pic.complete(failure);
            inFlight--;
            try {
                countReaders(t, -1);
                if (sd != null) {
                    idleDecoders.push(sd);
                }
                if (!t.reference) {
                    releaseBlocks(t.pic); // nothing predicts from it (allocates nothing: it is complete, without readers)
                    if (t.parity >= 0) {
                        releaseBlocks(t.pic.field(0));
                        releaseBlocks(t.pic.field(1));
                    }
                }
                free(t); // its buffers can take the next picture's slices
            } finally {
                notifyAll(); // whatever happened above: submit() and drain() wait for inFlight
            }
        }
    }

    /**
     * Which queued task frame thread {@code worker} takes (index into {@link #queued}, oldest first; caller
     * holds the lock). With two frame threads, thread 0 prefers reference pictures and thread 1 the others:
     * the chain of reference pictures then stays on one core, each reading its references from that core's
     * own cache, and the non-reference pictures, which nothing waits for, follow on the other core (a
     * non-reference B picture taken on the other core right after the reference B picture it predicts from
     * would catch up with it and wait row by row). A task is taken only once every picture it predicts from
     * has been taken (else both threads could end up waiting on queued pictures); the oldest always
     * qualifies, and is taken when no task suits the thread, so that no thread idles while one is queued.
     */
    private int pick(int worker) {
        if (frameThreads == 2) {
            boolean wantRef = worker == 0;
            for (int i = 0; i < queued.size(); i++) {
                Task t = queued.get(i);
                if (t.reference == wantRef && !predictsFromQueued(t, i)) {
                    return i;
                }
            }
        }
        return 0;
    }

    /**
     * Pictures in flight at most: more than threads, so that a thread that finishes finds the next one queued
     * (no idle gap while the calling thread prepares it); with two threads and pictures up to 1280x720 three
     * are queued for {@link #pick} to choose from (two frame threads on {@code sample.mp4}, 640x360: 1.014
     * with two queued, 1.046 with three, 1.049 with four, against one queued and no choice, JDK 17,
     * 2026-12-04). Larger pictures gain little from the choice (1080p: 1.018 ± 0.020), as one thread's
     * reference pictures do not stay in its core's cache anyway, and each queued one costs its buffer.
     */
    private int maxInFlight(int macroblocks) {
        return frameThreads + (frameThreads == 2 && macroblocks <= 3600 ? 3 : 1);
    }

    /** Adds {@code delta} to the reader count of every picture the task predicts from (lock held). */
    private void countReaders(Task t, int delta) {
        for (int i = 0; i < t.refCount; i++) {
            readers.merge(t.refs[i], delta, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    /** Whether task {@code queued.get(i)} predicts from a picture of a task queued before it. */
    private boolean predictsFromQueued(Task t, int i) {
        for (int j = 0; j < i; j++) {
            Picture older = queued.get(j).pic;
            for (int r = 0; r < t.refCount; r++) {
                if (t.refs[r] == older) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Why the picture {@link #firstFailedId()} failed, or null; clears both, and the {@link #takeFatal() fatal
     * error}.
     */
    synchronized H264Exception takeFailure() {
        H264Exception e = failure;
        failure = null;
        failedId = Integer.MAX_VALUE;
        fatal = null;
        return e;
    }

    /**
     * The Error other than StackOverflowError (out of memory, above all) that ended a picture on a frame thread
     * since the last {@link #takeFailure()}, or null; clears it. Such a picture also counts as failed.
     */
    synchronized Error takeFatal() {
        Error e = fatal;
        fatal = null;
        return e;
    }

    /** The lowest id of a picture that failed since the last {@link #takeFailure()}, or Integer.MAX_VALUE. */
    synchronized int firstFailedId() {
        return failedId;
    }

    /**
     * Whether {@code p} failed or may have predicted from a picture that failed since the last
     * {@link #takeFailure()}: decoded at or after it and before the next IDR / mmco 5.
     */
    synchronized boolean spoiled(Picture p) {
        return p.error() != null || (p.id >= failedId && p.epoch == failedEpoch);
    }

    /** The pictures submitted from now on cannot refer to earlier ones (an IDR, or the picture after an mmco 5). */
    void newEpoch() {
        epoch++;
    }

    /** Waits until no picture is in flight. */
    void drain() {
        synchronized (this) {
            while (inFlight > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new H264Exception(H264Exception.Kind.ILLEGAL_STATE, "interrupted while waiting for the frame threads", e);
                }
            }
        }
    }

    /** Fills task {@code t} (its batch already holds the slices) with copies of what the frame layer reuses. */
    private Task task(Task t, List<Dpb.Pic[][]> lists, List<int[][]> scaling, int poc, FrameWhere where) {
        fillLists(t, lists, scaling, poc, where);
        t.parity = -1; // a frame picture (a task of the pool may have carried a field)
        t.second = null;
        SliceHeader sh0 = t.batch.headers.get(0);
        int id;
        synchronized (this) {
            id = nextId;
            nextId += 4;
        }
        t.pic = take(sh0.mbWidth(), sh0.mbHeight());
        t.pic.fieldCoded = false;
        t.pic.monochrome = sh0.monochrome();
        if (t.pic.monochrome) {
            t.pic.fillChroma128(); // never written while decoding
        }
        t.pic.begin(id, poc);
        t.pic.epoch = epoch;
        return t;
    }

    /** Copies what the frame layer reuses (reference lists, scaling lists) into task {@code t}. */
    private void fillLists(Task t, List<Dpb.Pic[][]> lists, List<int[][]> scaling, int poc, FrameWhere where) {
        SliceHeader sh0 = t.batch.headers.get(0);
        t.scaling.clear();
        for (int i = 0; i < scaling.size(); i++) {
            t.scaling.add(scaling.get(i));
        }
        t.where = where;
        t.poc = poc;
        t.reference = sh0.nalRefIdc != 0;
        Arrays.fill(t.refs, 0, t.refCount, null);
        t.refCount = 0;
        for (int j = 0; j < lists.size(); j++) {
            Dpb.Pic[][] l = lists.get(j);
            if (j == t.lists.size()) {
                t.lists.add(new Lists());
            }
            Lists s = t.lists.get(j);
            for (int k = 0; k < 2; k++) {
                Dpb.Pic[] in = l == null ? null : l[k];
                s.count[k] = in == null ? -1 : in.length;
                if (in == null) {
                    continue;
                }
                if (s.pic[k].length < in.length) {
                    s.pic[k] = new Picture[in.length];
                    s.poc[k] = new int[in.length];
                    s.longTerm[k] = new boolean[in.length];
                }
                for (int i = 0; i < in.length; i++) {
                    Dpb.Pic p = in[i];
                    Picture pic = p == null ? null : p.nonExisting ? greyOf(sh0, p.parity) : p.pic;
                    s.pic[k][i] = pic;
                    if (pic != null) {
                        t.addRef(pic.frame != null ? pic.frame : pic); // a field's buffer is its frame's
                    }
                    s.poc[k][i] = p == null ? 0 : p.poc;
                    s.longTerm[k][i] = p != null && p.longFrame();
                }
            }
        }
    }

    /** The grey picture of a non-existing frame, or its field of parity {@code parity} (0, 1; -1: the frame). */
    private Picture greyOf(SliceHeader sh0, int parity) {
        Picture g = grey(sh0.mbWidth(), sh0.mbHeight());
        return parity < 0 ? g : g.field(parity); // null (a missing reference) if the frame has no fields
    }

    /**
     * One thread: decodes a field picture on the calling thread into the field of parity {@code parity} of
     * {@code frame}, the frame buffer of its first field, or of a new frame buffer when it is a first field.
     * Arguments otherwise as for {@link #decode}; returns the frame buffer, which is complete only after
     * {@link #finishFrame} (second field) or {@link #finishUnpairedField}. (With frame threads the fields go
     * through {@link #prepareFirstField} and {@link #submitSecondField}.)
     */
    Picture decodeField(SliceBatch batch, List<Dpb.Pic[][]> lists, List<int[][]> scaling, int poc, Picture frame, int parity,
                        FrameWhere where) {
        if (frameThreaded() || batch != syncTask.batch) {
            throw new IllegalStateException("not the batch of this backend");
        }
        Task t = syncTask;
        SliceHeader sh0 = batch.headers.get(0);
        int mbW = sh0.mbWidth();
        int mbH = sh0.mbHeight();
        if (frame != null && !frame.fits(mbW, mbH)) {
            throw H264Exception.invalid(where + ": second field of another size than its first field");
        }
        boolean first = frame == null;
        Picture view;
        try {
            fillLists(t, lists, scaling, poc, where);
            if (first) {
                frame = newFieldFrame(sh0, poc);
            }
            view = setUpField(frame, parity, mbW, mbH, poc);
        } catch (RuntimeException | Error e) {
            if (first && frame != null) {
                recycle(frame);
            }
            throw e;
        }
        try {
            runOnCaller(t, view);
            view.complete(null);
            if (!t.reference) {
                releaseBlocks(view); // nothing predicts from it
            }
            return frame;
        } catch (H264Exception e) {
            view.complete(e);
            if (first) {
                frame.complete(e);
                recycle(frame);
            }
            throw e;
        }
    }

    /** The second field of a field-coded frame has been decoded: the frame is complete. */
    void finishFrame(Picture frame) {
        if (!frameThreaded()) {
            frame.finishFieldCodedFrame(null); // with frame threads the pair's task does it
        }
    }

    /** A field-coded frame whose second field never came: it shows its one field line-doubled, and is complete. */
    void finishUnpairedField(Picture frame, int decodedParity) {
        if (frameThreaded()) {
            submitPendingField(); // its task doubles the lines once the field is decoded
            return;
        }
        frame.copyField(decodedParity);
        Picture other = frame.field(1 - decodedParity);
        other.complete(null);
        frame.finishFieldCodedFrame(null);
    }

    // Frame threads and field pictures: the two fields of a frame are decoded by one task on one frame thread,
    // one after the other (the second usually predicts from the first), overlapping other frames like a frame
    // picture. The first field's task is prepared when the frame layer has its slices and lists (its frame
    // buffer taken, so that the DPB can hold it) and submitted once the second field's are added to it, or
    // alone when no second field follows.
    /** The prepared task of a first field not submitted yet, or null. */
    private Task pendingField;

    /**
     * Frame threads: prepares the task of a first field (arguments as for {@link #submit}, {@code parity} 0 top,
     * 1 bottom) and returns its frame buffer; submitted by {@link #submitSecondField} or
     * {@link #submitPendingField}. A prepared field not yet submitted must be one of those or be dropped
     * ({@link #dropPendingField}).
     */
    Picture prepareFirstField(SliceBatch batch, List<Dpb.Pic[][]> lists, List<int[][]> scaling, int poc, int parity,
                              FrameWhere where) {
        if (pendingField != null) {
            submitPendingField(); // (the frame layer settles a pending field first; never leave one behind)
        }
        Task t = takeNext(batch);
        SliceHeader sh0 = batch.headers.get(0);
        int mbW = sh0.mbWidth();
        int mbH = sh0.mbHeight();
        Picture frame = null;
        try {
            fillLists(t, lists, scaling, poc, where);
            frame = newFieldFrame(sh0, poc);
            setUpField(frame, parity, mbW, mbH, poc);
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                free(t);
            }
            if (frame != null) {
                frame.field(0).complete(null); // never decoded: complete, so that the buffer can be reused
                frame.field(1).complete(null);
                frame.complete(null);
                recycle(frame);
            }
            throw e;
        }
        t.pic = frame;
        t.parity = parity;
        t.second = null;
        pendingField = t;
        return frame;
    }

    /** Frame threads: the batch the second field of the prepared first field is parsed into. */
    SliceBatch secondFieldBatch() {
        Task lead = pendingField;
        if (lead == null) {
            throw new IllegalStateException("no first field is waiting for its second");
        }
        synchronized (this) {
            if (lead.second == null) {
                lead.second = freeTasks.isEmpty() ? new Task() : freeTasks.pop();
            }
        }
        return lead.second.batch;
    }

    /** Frame threads: adds the second field (parsed into {@link #secondFieldBatch()}) to the prepared first field and submits both. */
    void submitSecondField(SliceBatch batch, List<Dpb.Pic[][]> lists, List<int[][]> scaling, int poc, int parity,
                           FrameWhere where) {
        Task lead = pendingField;
        if (lead == null || lead.second == null || lead.second.batch != batch) {
            throw new IllegalStateException("not the batch of the waiting first field's second field");
        }
        Task t = lead.second;
        SliceHeader sh0 = batch.headers.get(0);
        if (!lead.pic.fits(sh0.mbWidth(), sh0.mbHeight())) {
            throw H264Exception.invalid(where + ": second field of another size than its first field");
        }
        fillLists(t, lists, scaling, poc, where);
        setUpField(lead.pic, parity, sh0.mbWidth(), sh0.mbHeight(), poc);
        t.parity = parity; // (set last: a failure above leaves the first field to be submitted alone)
        t.pic = lead.pic;
        for (int i = 0; i < t.refCount; i++) {
            lead.addRef(t.refs[i]); // in flight, the pair counts as one picture reading both fields' references
        }
        submitPendingField();
    }

    /** Frame threads: submits the prepared first field (with its second field if added, else alone); none: nothing. */
    void submitPendingField() {
        Task t = pendingField;
        if (t == null) {
            return;
        }
        pendingField = null;
        if (t.second != null && t.second.pic == null) {
            synchronized (this) { // a second field's batch was taken but the field never added
                free(t.second);
            }
            t.second = null;
        }
        enqueue(t);
    }

    /** Frame threads: forgets a prepared first field (a reset; the frame layer recycles its buffer with the DPB). */
    void dropPendingField() {
        Task t = pendingField;
        if (t == null) {
            return;
        }
        pendingField = null;
        Picture frame = t.pic;
        // never decoded: complete, so that its buffer and block data can be reused
        frame.field(0).complete(null);
        frame.field(1).complete(null);
        frame.complete(null);
        synchronized (this) {
            free(t);
        }
    }

    /** Returns a task, and the second field's task it carries, to the pool (lock held). */
    private void free(Task t) {
        if (t.second != null) {
            free(t.second);
            t.second = null;
        }
        t.pic = null;
        t.parity = -1;
        freeTasks.push(t);
    }

    /** A frame buffer (without block data of its own) for a frame decoded as two fields, begun. */
    private Picture newFieldFrame(SliceHeader sh0, int poc) {
        int id;
        Picture frame;
        synchronized (this) {
            id = nextId;
            nextId += 4;
            frame = takeBuffer(sh0.mbWidth(), sh0.mbHeight());
            blocksDeferred.remove(frame);
            if (frame.hasBlocks()) {
                releaseBlocks(frame); // a field-coded frame keeps its motion data in its fields
            }
        }
        frame.spinNanos = spinNanos;
        frame.monochrome = sh0.monochrome();
        if (frame.monochrome) {
            frame.fillChroma128();
        }
        frame.fieldCoded = true;
        frame.begin(id, poc);
        frame.epoch = epoch;
        return frame;
    }

    /** Readies the field of parity {@code parity} of {@code frame} to be decoded into: block data, begun. */
    private Picture setUpField(Picture frame, int parity, int mbW, int mbH, int poc) {
        Picture view = frame.field(parity);
        synchronized (this) {
            if (!view.hasBlocks()) {
                view.attach(takeBlocks(mbW, mbH / 2));
            }
        }
        view.monochrome = frame.monochrome;
        view.spinNanos = spinNanos;
        view.begin(view.id, poc);
        view.epoch = frame.epoch;
        return view;
    }

    /**
     * Runs a field pair's task on a frame thread: the first field, then the second (or, without one, the first
     * field's lines doubled), then pads the frame; {@link #end} completes it, as it completes a frame picture
     * (completing it here would let the buffer be released and reused while this task still touches it).
     */
    private static void runFields(SliceDecoder sd, Task t) {
        Picture frame = t.pic;
        Picture first = frame.field(t.parity);
        run(sd, t, first);
        first.complete(null);
        if (t.second != null) {
            Picture second = frame.field(t.second.parity);
            run(sd, t.second, second);
            second.complete(null);
        } else {
            frame.copyField(t.parity);
            frame.field(1 - t.parity).complete(null);
        }
        frame.padFieldCodedFrame();
    }

    /**
     * Reconstructs the slices of task {@code t} into {@code pic} on the calling thread, shared with the slice
     * threads when there are any and the picture has several slices in increasing order.
     */
    private void runOnCaller(Task t, Picture pic) {
        List<SliceHeader> headers = t.batch.headers;
        int n = headers.size();
        if (sliceThreads < 2 || n < 2) {
            run(slices, t, pic);
            return;
        }
        for (int i = 1; i < n; i++) {
            if (headers.get(i).firstMbInSlice <= headers.get(i - 1).firstMbInSlice) {
                run(slices, t, pic); // out of order (or repeated): the one-thread path says what is wrong
                return;
            }
        }
        runSliced(t, pic);
    }

    /** Pictures whose slices were decoded by slice threads so far (for tests). */
    long slicedPictures() {
        return slicedPictures;
    }

    /** The slice-threads path of {@link #runOnCaller}. */
    private void runSliced(Task t, Picture pic) {
        List<SliceHeader> headers = t.batch.headers;
        int n = headers.size();
        SliceHeader sh0 = headers.get(0);
        for (SliceHeader sh : headers) {
            if (sh.sps != sh0.sps) {
                throw new H264Exception(H264Exception.Kind.INVALID_DATA, t.where + ": slices of one picture use different SPS");
            }
        }
        if (sliceRows == null) {
            sliceRows = new SliceRows(Kernels.fast());
            sliceHelpers = new SliceHelper[sliceThreads - 1];
        }
        SliceRows rows = sliceRows;
        rows.start(pic, n);
        SliceJob job = sliceJob;
        int helpers = Math.min(sliceThreads - 1, n - 1);
        job.start(t, pic, rows, helpers);
        for (int h = 0; h < helpers; h++) {
            if (sliceHelpers[h] == null) {
                sliceHelpers[h] = new SliceHelper(job, h + 1);
            }
            sliceHelpers[h].post();
        }
        job.run(slices);
        job.awaitHelpers(); // the helpers write into the picture: wait for them whatever happens
        Error fatal = job.fatal();
        if (fatal != null) {
            throw fatal;
        }
        H264Exception[] failed = job.failed;
        for (int i = 0; i < n; i++) {
            if (failed[i] != null) {
                H264Exception e = failed[i];
                throw new H264Exception(e.kind(), t.where + ", slice " + i + " (first_mb_in_slice "
                        + headers.get(i).firstMbInSlice + "): " + e.detail(), e);
            }
        }
        try {
            rows.finish();
        } catch (H264Exception e) {
            throw new H264Exception(e.kind(), t.where + ": " + e.detail(), e);
        }
        slicedPictures++;
    }

    /**
     * One picture's slices shared out among the slice threads ({@link #runSliced}); one instance, reused picture
     * after picture. Each thread takes the next slice not taken until none is left or one has failed; a failure
     * is kept for its slice, an Error other than a stack overflow (out of memory, above all) as it is. What the
     * helpers wrote is visible to the calling thread after {@link #awaitHelpers}.
     */
    private static final class SliceJob {
        private Task task;
        private Picture pic;
        private SliceRows rows;
        private int total;
        private final AtomicInteger next = new AtomicInteger();
        /** Per slice of the picture, its failure; [0, slices) are the current picture's. */
        H264Exception[] failed = new H264Exception[0];
        private Error fatal;
        /** Helpers not yet done with the current picture. */
        private final AtomicInteger pending = new AtomicInteger();
        /** The thread waiting in {@link #awaitHelpers}, to unpark when the last helper is done. */
        private volatile Thread waiter;
        /** How long threads poll before parking (0: park at once). */
        final long spinNanos;

        SliceJob(long spinNanos) {
            this.spinNanos = spinNanos;
        }

        void start(Task t, Picture p, SliceRows r, int helpers) {
            int n = t.batch.headers.size();
            task = t;
            pic = p;
            rows = r;
            total = p.mbWidth * p.mbHeight;
            next.set(0);
            if (failed.length < n) {
                failed = new H264Exception[n];
            }
            Arrays.fill(failed, 0, n, null);
            synchronized (this) {
                fatal = null;
            }
            pending.set(helpers);
        }

        void run(SliceDecoder sd) {
            Task t = task;
            List<SliceHeader> headers = t.batch.headers;
            int n = headers.size();
            sd.startPicture(pic, t.poc);
            for (int i; (i = next.getAndIncrement()) < n; ) {
                try {
                    Lists l = t.lists.get(i);
                    fill(sd.list0(), l, 0);
                    fill(sd.list1(), l, 1);
                    int end = i + 1 < n ? headers.get(i + 1).firstMbInSlice : total;
                    sd.decodeSlice(headers.get(i), t.batch.rbsps.get(i), t.batch.lengths[i], t.scaling.get(i), i, end, rows);
                } catch (H264Exception e) {
                    failed[i] = e;
                    next.set(n); // the picture has failed: nobody starts another slice
                } catch (RuntimeException | StackOverflowError e) {
                    failed[i] = new H264Exception(H264Exception.Kind.INVALID_DATA, e.toString(), e);
                    next.set(n);
                } catch (Error e) { // out of memory, above all: passed on as it is
                    synchronized (this) {
                        fatal = fatal == null ? e : fatal;
                    }
                    next.set(n);
                }
            }
        }

        void helperDone() {
            if (pending.decrementAndGet() == 0) {
                Thread w = waiter;
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }

        /**
         * Waits until every helper is done with the picture: polls for {@link #spinNanos} (the helper usually ends
         * within microseconds of the calling thread), then parks.
         */
        void awaitHelpers() {
            if (pending.get() == 0) {
                return;
            }
            long deadline = System.nanoTime() + spinNanos;
            while (pending.get() > 0 && System.nanoTime() < deadline) {
                Thread.yield(); // (Thread.onSpinWait is not in every runtime the module supports)
            }
            waiter = Thread.currentThread();
            while (pending.get() > 0) {
                LockSupport.park(this); // an interrupt ends the park; its flag stays set for the caller
            }
            waiter = null;
        }

        synchronized Error fatal() {
            return fatal;
        }
    }

    /**
     * A slice helper thread: runs the job each time it is posted, with a slice decoder of its own; between
     * pictures it polls for {@link SliceJob#spinNanos} before parking, so that the next picture's slices start
     * without a wake-up (a parked thread takes tens of microseconds to run again, a picture about a millisecond).
     */
    private static final class SliceHelper implements Runnable {
        private final SliceJob job;
        private final SliceDecoder decoder = new SliceDecoder(Kernels.fast());
        private final Thread thread;
        /** Pictures posted to this helper (written by the calling thread only). */
        private volatile int posted;
        private volatile boolean stop;

        SliceHelper(SliceJob job, int number) {
            this.job = job;
            this.thread = new Thread(this, "purecodec-h264-slice-" + number);
            thread.setDaemon(true);
            thread.start();
        }

        void post() {
            posted++; // one writer
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            int taken = 0;
            while (true) {
                long deadline = System.nanoTime() + job.spinNanos;
                int p;
                while ((p = posted) == taken && !stop) {
                    if (System.nanoTime() < deadline) {
                        Thread.yield(); // (Thread.onSpinWait is not in every runtime the module supports)
                    } else {
                        LockSupport.park(this);
                    }
                }
                if (stop) {
                    return;
                }
                taken = p;
                try {
                    job.run(decoder);
                } finally {
                    job.helperDone();
                }
            }
        }

        /** Ends the thread once it is idle and waits for it; returns whether interrupted meanwhile. */
        boolean stop() {
            stop = true;
            LockSupport.unpark(thread);
            try {
                thread.join(10_000);
                return false;
            } catch (InterruptedException e) {
                return true;
            }
        }
    }

    /** Reconstructs the task's picture with {@code sd}; failures name the slice. */
    private static void run(SliceDecoder sd, Task t) {
        run(sd, t, t.pic);
    }

    /** Reconstructs the slices of task {@code t} into {@code pic} (its picture, or a field of it). */
    private static void run(SliceDecoder sd, Task t, Picture pic) {
        List<SliceHeader> headers = t.batch.headers;
        SliceHeader sh0 = headers.get(0);
        sd.startPicture(pic, t.poc);
        int i = 0;
        try {
            for (; i < headers.size(); i++) {
                SliceHeader sh = headers.get(i);
                if (sh.sps != sh0.sps) {
                    throw H264Exception.invalid("slices of one picture use different SPS");
                }
                Lists l = t.lists.get(i);
                fill(sd.list0(), l, 0);
                fill(sd.list1(), l, 1);
                sd.decodeSlice(sh, t.batch.rbsps.get(i), t.batch.lengths[i], t.scaling.get(i));
            }
            sd.finishPicture();
        } catch (H264Exception e) {
            sd.abandonPicture();
            String slice = i < headers.size() ? ", slice " + i + " (first_mb_in_slice " + headers.get(i).firstMbInSlice + ")" : "";
            throw new H264Exception(e.kind(), t.where + slice + ": " + e.detail(), e);
        } catch (RuntimeException | StackOverflowError e) {
            sd.abandonPicture();
            throw new H264Exception(H264Exception.Kind.INVALID_DATA, t.where + ", slice " + i + ": " + e, e);
        } catch (Error e) { // out of memory, above all: passed on as it is
            sd.abandonPicture();
            throw e;
        }
    }

    private static void fill(RefList out, Lists l, int k) {
        out.clear();
        int n = l.count[k];
        if (n < 0) {
            return;
        }
        Picture[] pics = l.pic[k];
        out.count = n;
        for (int i = 0; i < n; i++) {
            out.set(i, pics[i], l.poc[k][i], l.longTerm[k][i]);
        }
    }

    private synchronized ExecutorService workers() {
        if (workers == null) {
            AtomicInteger count = new AtomicInteger();
            workers = Executors.newFixedThreadPool(frameThreads, r -> {
                int index = count.getAndIncrement();
                Thread t = new Thread(() -> {
                    WORKER.set(index);
                    r.run();
                }, "purecodec-h264-frame-" + (index + 1));
                t.setDaemon(true);
                synchronized (workerThreads) {
                    workerThreads.add(t);
                }
                return t;
            });
        }
        return workers;
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

    synchronized Picture take(int mbW, int mbH) {
        Picture p = takeBuffer(mbW, mbH);
        // in use again: never to have its block data taken back through a deferred entry
        blocksDeferred.remove(p);
        if (!p.hasBlocks()) {
            p.attach(takeBlocks(mbW, mbH));
        }
        p.spinNanos = spinNanos;
        return p;
    }

    // Per-block data (Picture.Blocks) outlives its use in most pictures: a non-reference picture needs it only
    // while it decodes, a reference picture until the DPB drops it and no picture in flight reads it as
    // co-located. Taken away then and pooled separately from the sample planes, so that pictures waiting for
    // output, pooled buffers and frames a caller keeps hold only their planes.
    private final Picture.Blocks[] spareBlocks = new Picture.Blocks[20];
    private int spareBlockCount;
    /** Pictures whose block data is no longer needed once they are complete and no picture in flight reads them. */
    private final List<Picture> blocksDeferred = new ArrayList<>();
    /** Block data allocated so far; for tests. */
    private int allocatedBlocks;

    /**
     * Takes the per-block data of {@code p} back for reuse: nothing will read it after this (a non-reference
     * picture that is complete, or a picture the DPB no longer holds); deferred while the picture is still
     * decoding or a picture in flight predicts from it.
     */
    synchronized void releaseBlocks(Picture p) {
        if (p == grey || !p.hasBlocks()) {
            return;
        }
        if (!p.isComplete() || isRead(p)) {
            if (!blocksDeferred.contains(p)) {
                blocksDeferred.add(p);
            }
            return;
        }
        spare(p.detach());
    }

    /** Whether a picture in flight predicts from {@code p} or from a field of it, or from its frame (lock held). */
    private boolean isRead(Picture p) {
        return readers.containsKey(p.frame != null ? p.frame : p);
    }

    private void spare(Picture.Blocks b) {
        if (spareBlockCount < spareBlocks.length) {
            spareBlocks[spareBlockCount++] = b;
        }
    }

    private Picture.Blocks takeBlocks(int mbW, int mbH) {
        for (int i = blocksDeferred.size() - 1; i >= 0; i--) {
            Picture p = blocksDeferred.get(i);
            if (p.isComplete() && !isRead(p)) {
                blocksDeferred.remove(i);
                if (p.hasBlocks()) {
                    spare(p.detach());
                }
            }
        }
        // the most recently spared block data of this size; spares of a size this stream no longer uses are
        // dropped (a stream of field and frame pictures uses two: a frame's and a field's, half as high)
        Picture.Blocks found = null;
        int kept = 0;
        for (int i = 0; i < spareBlockCount; i++) {
            Picture.Blocks b = spareBlocks[i];
            spareBlocks[i] = null;
            if (b.fits(mbW, mbH)) {
                if (found != null) {
                    spareBlocks[kept++] = found;
                }
                found = b;
            } else if (b.fits(mbW, 2 * mbH) || (mbH % 2 == 0 && b.fits(mbW, mbH / 2))) {
                spareBlocks[kept++] = b;
            }
        }
        spareBlockCount = kept;
        if (found != null) {
            return found;
        }
        allocatedBlocks++;
        return new Picture.Blocks(mbW, mbH);
    }

    /** Per-block data allocated so far (reused ones not counted); for tests. */
    synchronized int allocatedBlocks() {
        return allocatedBlocks;
    }

    private Picture takeBuffer(int mbW, int mbH) {
        for (int i = freeCount - 1; i >= 0; i--) {
            Picture p = free[i];
            if (!p.isComplete() || readers.containsKey(p)) {
                continue; // still being decoded (let go unseen, e.g. not for output), or a picture in flight predicts from it
            }
            System.arraycopy(free, i + 1, free, i, freeCount - i - 1);
            free[--freeCount] = null;
            if (p.fits(mbW, mbH)) {
                return p;
            }
        }
        allocatedPictures++;
        return new Picture(mbW, mbH, false); // take() gives it block data
    }

    /** Picture buffers allocated so far (pooled ones reused are not counted); for tests. */
    private int allocatedPictures;

    synchronized int allocatedPictures() {
        return allocatedPictures;
    }

    /** Returns a picture buffer no longer referenced by the DPB (kept until released when an output frame holds it). */
    synchronized void recycle(Picture p) {
        if (p == null || p == grey) {
            return;
        }
        // one thread: a field-coded frame still incomplete is a first field left alone (nothing decodes into it
        // now); with frame threads it may still be decoding (its task completes it, a dropped one is completed)
        boolean abandoned = !frameThreaded() && p.fieldCoded && !p.isComplete();
        for (int f = 0; f < 2; f++) {
            Picture field = p.fieldIfMade(f);
            if (field != null && abandoned && !field.isComplete()) {
                field.complete(null);
            }
        }
        if (abandoned) {
            p.complete(null);
        }
        releaseBlocks(p);
        for (int f = 0; f < 2; f++) {
            Picture field = p.fieldIfMade(f);
            if (field != null) {
                releaseBlocks(field);
            }
        }
        if (p.framesOut > 0) {
            p.freeWhenReleased = true;
            return;
        }
        if (freeCount < free.length) {
            free[freeCount++] = p;
        }
    }

    /**
     * Keeps the buffer of a picture that the DPB may still hold from being reused until {@link #unpin}: a
     * reference picture's output frame is its planes (no copy), released by the frame or, when the frame is
     * dropped before it is made, by the decoder.
     */
    synchronized void pin(Picture p) {
        p.framesOut++;
    }

    synchronized void unpin(Picture p) {
        if (p.framesOut == 0) {
            return;
        }
        if (--p.framesOut == 0 && p.freeWhenReleased) {
            p.freeWhenReleased = false;
            if (!cleared) {
                recycle(p);
            }
        }
    }

    /** The recycler of a frame over a pinned picture's planes: releasing the frame unpins it. */
    DecodedFrame.Recycler handOutPinned(Picture p) {
        return (planes, pictureBuffer) -> unpin(p);
    }

    /** Set by {@link #clear}: frames released afterwards do not return their buffers. */
    private boolean cleared;

    /**
     * Hands the picture's planes out: the recycler for the {@link DecodedFrame} that wraps them, which returns
     * the buffer to the pool when the frame is released. The backend keeps no reference to the picture, so a
     * frame that is never released is garbage collected with its planes (an earlier map from handed-out planes
     * to pictures kept every unreleased frame's buffer until the decoder was closed).
     */
    DecodedFrame.Recycler handOut(Picture p) {
        return (planes, pictureBuffer) -> recycleHandedOut(p);
    }

    private synchronized void recycleHandedOut(Picture p) {
        if (!cleared) {
            recycle(p);
        }
    }

    /** Drops pooled buffers (no picture may be in flight). */
    synchronized void clear() {
        Arrays.fill(free, null);
        freeCount = 0;
        Arrays.fill(spareBlocks, null);
        spareBlockCount = 0;
        blocksDeferred.clear();
        cleared = true;
        grey = null;
        failedId = Integer.MAX_VALUE;
        failure = null;
    }

    /** Stops a pool (null: none) and waits until its threads have ended; returns whether interrupted meanwhile. */
    private static boolean stop(ExecutorService pool, List<Thread> threads) {
        if (pool == null) {
            return false;
        }
        pool.shutdown();
        try {
            pool.awaitTermination(60, TimeUnit.SECONDS);
            synchronized (threads) {
                for (Thread t : threads) {
                    t.join(10_000);
                }
                threads.clear();
            }
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    /** Waits for the pictures in flight, then stops the frame threads (or slice threads) and waits until they have ended. */
    void shutdown() {
        boolean interrupted = false;
        try {
            drain();
        } catch (H264Exception e) {
            interrupted = true;
        }
        SliceHelper[] helpers;
        ExecutorService pool;
        synchronized (this) {
            helpers = sliceHelpers;
            sliceHelpers = null;
            sliceRows = null;
            pool = workers;
            workers = null;
        }
        if (helpers != null) {
            for (SliceHelper h : helpers) {
                if (h != null) {
                    interrupted |= h.stop();
                }
            }
        }
        interrupted |= stop(pool, workerThreads);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
