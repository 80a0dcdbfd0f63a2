package org.rait.registry.http;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Collects log lines and writes them to stderr in batches: every {@code FLUSH_EVERY_MS} and whenever
 * 64 KiB are waiting, and only whole lines, so they never interleave mid-line with other writers of
 * stderr. One write per batch instead of one per request keeps the access log cheap under load, and the
 * write is made by the log's own thread: a request thread (Jetty's I/O thread for a snapshot poll) only
 * copies its line, unless stderr has stopped taking lines and {@code WRITE_AT_ONCE_AT} are waiting.
 */
final class CompleteLines extends OutputStream {
    private static final int FLUSH_EVERY_MS = 200;
    private static final int FLUSH_AT = 64 * 1024;
    /** Past this the writer waits for stderr itself rather than let the batch grow without end. */
    private static final int WRITE_AT_ONCE_AT = 4 * 1024 * 1024;
    private final OutputStream out;
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "access-log");
        thread.setDaemon(true);
        return thread;
    });
    /** Held while writing to {@code out}, so batches go out whole and in order; never taken under {@code this}. */
    private final Object writing = new Object();
    private byte[] buffer = new byte[FLUSH_AT * 2];
    private byte[] spare = new byte[FLUSH_AT * 2];
    private int length;
    private boolean flushAsked;

    /** Batches for stderr, flushed at exit too. */
    static CompleteLines stderr() {
        CompleteLines lines = new CompleteLines(new FileOutputStream(FileDescriptor.err));
        Runtime.getRuntime().addShutdownHook(new Thread(lines::flushQuietly, "access-log-flush"));
        return lines;
    }

    CompleteLines(OutputStream out) {
        this.out = out;
        flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH_EVERY_MS, FLUSH_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int count) throws IOException {
        boolean writeNow;
        synchronized (this) {
            if (length + count > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
            }
            System.arraycopy(bytes, offset, buffer, length, count);
            length += count;
            writeNow = length >= WRITE_AT_ONCE_AT;
            if (length >= FLUSH_AT && !flushAsked && !writeNow) {
                flushAsked = true;
                flusher.execute(this::flushQuietly);
            }
        }
        if (writeNow) flush();
    }

    /** Writes the whole lines waiting; what follows the last newline waits for the rest of its line. */
    @Override
    public void flush() throws IOException {
        synchronized (writing) {
            byte[] batch;
            int end;
            synchronized (this) {
                flushAsked = false;
                end = length;
                while (end > 0 && buffer[end - 1] != '\n') end--;
                if (end == 0) return;
                batch = buffer;
                if (spare.length < length - end) spare = new byte[Math.max(spare.length, length - end) * 2];
                System.arraycopy(batch, end, spare, 0, length - end);
                buffer = spare;
                length -= end;
            }
            try {
                out.write(batch, 0, end);
            } finally {
                synchronized (this) {
                    spare = batch;
                }
            }
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (IOException ignored) {
            // stderr is gone (the journal closed); nothing else to tell it to
        }
    }

    @Override
    public void close() throws IOException {
        flusher.shutdownNow();
        flush();
    }
}
