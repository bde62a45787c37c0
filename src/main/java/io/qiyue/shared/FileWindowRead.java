package io.qiyue.shared;

import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadView;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A file read for PDFBox through positional reads and a small window of its own, so that the file stays on disk
 * (in the page cache, not in the heap nor the process's resident memory). Views are independent readers of the same
 * channel — positional reads share no position — so several threads may each read their own view at once, which
 * PDFBox's views over one shared reader would not allow. Not thread-safe itself: one reader per thread.
 */
final class FileWindowRead implements RandomAccessRead {
    private static final int WINDOW = 64 * 1024;

    private final FileChannel channel;
    private final long length;
    private final boolean closesChannel;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW);
    private long windowStart;
    private int windowLength;
    private long position;
    private boolean closed;

    FileWindowRead(FileChannel channel, boolean closesChannel) throws IOException {
        this.channel = channel;
        this.length = channel.size();
        this.closesChannel = closesChannel;
    }

    @Override
    public int read() throws IOException {
        checkOpen();
        if (position >= length) {
            return -1;
        }
        if (!inWindow(position)) {
            fill(position);
        }
        return window.get((int) (position++ - windowStart)) & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int wanted) throws IOException {
        checkOpen();
        if (wanted == 0) {
            return 0;
        }
        if (position >= length) {
            return -1;
        }
        int count = (int) Math.min(wanted, length - position);
        if (count >= WINDOW) {
            var target = ByteBuffer.wrap(into, offset, count);
            while (target.hasRemaining()) {
                if (channel.read(target, position + target.position() - offset) < 0) {
                    throw new EOFException("the file ended early");
                }
            }
            position += count;
            return count;
        }
        int done = 0;
        while (done < count) {
            if (!inWindow(position)) {
                fill(position);
            }
            int here = (int) Math.min(count - done, windowStart + windowLength - position);
            window.get((int) (position - windowStart), into, offset + done, here);
            done += here;
            position += here;
        }
        return count;
    }

    private boolean inWindow(long at) {
        return at >= windowStart && at < windowStart + windowLength;
    }

    private void fill(long at) throws IOException {
        window.clear();
        int filled = 0;
        while (filled < WINDOW && at + filled < length) {
            int read = channel.read(window, at + filled);
            if (read < 0) {
                break;
            }
            filled += read;
        }
        if (filled == 0) {
            throw new EOFException("the file ended early");
        }
        windowStart = at;
        windowLength = filled;
    }

    @Override
    public long getPosition() throws IOException {
        checkOpen();
        return position;
    }

    @Override
    public void seek(long to) throws IOException {
        checkOpen();
        if (to < 0) {
            throw new IOException("invalid position " + to);
        }
        position = Math.min(to, length);
    }

    @Override
    public long length() throws IOException {
        checkOpen();
        return length;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isEOF() throws IOException {
        checkOpen();
        return position >= length;
    }

    @Override
    public RandomAccessReadView createView(long start, long viewLength) throws IOException {
        checkOpen();
        return new RandomAccessReadView(new FileWindowRead(channel, false), start, viewLength, true);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        if (closesChannel) {
            channel.close();
        }
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
    }
}
