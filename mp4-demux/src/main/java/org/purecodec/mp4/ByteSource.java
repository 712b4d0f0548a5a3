package org.purecodec.mp4;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;

/** Random access to the file bytes with positioned reads (no shared position for FileChannel and arrays). */
abstract class ByteSource implements AutoCloseable {
    /** Size in bytes at open time. */
    abstract long size();

    /**
     * Reads exactly {@code dst.remaining()} bytes at {@code pos}.
     *
     * @throws EOFException when the file ends first
     */
    abstract void readFully(long pos, ByteBuffer dst) throws IOException;

    @Override
    public abstract void close() throws IOException;

    static ByteSource of(byte[] data) {
        return new ArraySource(data);
    }

    static ByteSource of(SeekableByteChannel ch, boolean closeIt) throws IOException {
        return ch instanceof FileChannel fc ? new FileSource(fc, closeIt) : new ChannelSource(ch, closeIt);
    }

    private static final class ArraySource extends ByteSource {
        private final byte[] data;

        ArraySource(byte[] data) {
            this.data = data;
        }

        @Override
        long size() {
            return data.length;
        }

        @Override
        void readFully(long pos, ByteBuffer dst) throws IOException {
            int n = dst.remaining();
            if (pos < 0 || pos > data.length || data.length - pos < n) {
                throw new EOFException();
            }
            dst.put(data, (int) pos, n);
        }

        @Override
        public void close() {
        }
    }

    /** FileChannel: positioned reads are thread-safe and do not move the channel position. */
    private static final class FileSource extends ByteSource {
        private final FileChannel ch;
        private final boolean closeIt;
        private final long size;

        FileSource(FileChannel ch, boolean closeIt) throws IOException {
            this.ch = ch;
            this.closeIt = closeIt;
            this.size = ch.size();
        }

        @Override
        long size() {
            return size;
        }

        @Override
        void readFully(long pos, ByteBuffer dst) throws IOException {
            long p = pos;
            while (dst.hasRemaining()) {
                int r = ch.read(dst, p);
                if (r < 0) {
                    throw new EOFException();
                }
                p += r;
            }
        }

        @Override
        public void close() throws IOException {
            if (closeIt) {
                ch.close();
            }
        }
    }

    /** Any other SeekableByteChannel: position + read under a lock, so concurrent callers stay correct. */
    private static final class ChannelSource extends ByteSource {
        private final SeekableByteChannel ch;
        private final boolean closeIt;
        private final long size;

        ChannelSource(SeekableByteChannel ch, boolean closeIt) throws IOException {
            this.ch = ch;
            this.closeIt = closeIt;
            this.size = ch.size();
        }

        @Override
        long size() {
            return size;
        }

        @Override
        void readFully(long pos, ByteBuffer dst) throws IOException {
            synchronized (ch) {
                ch.position(pos);
                while (dst.hasRemaining()) {
                    if (ch.read(dst) < 0) {
                        throw new EOFException();
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (closeIt) {
                ch.close();
            }
        }
    }
}
