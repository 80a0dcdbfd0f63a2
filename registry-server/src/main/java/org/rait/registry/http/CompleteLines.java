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
 * stderr. One write per batch instead of one per request keeps the access log cheap under load.
 */
final class CompleteLines extends OutputStream {
    private static final int FLUSH_EVERY_MS = 200;
    private static final int FLUSH_AT = 64 * 1024;
    private final OutputStream out;
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "access-log");
        thread.setDaemon(true);
        return thread;
    });
    private byte[] buffer = new byte[FLUSH_AT * 2];
    private int length;

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
    public synchronized void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int count) throws IOException {
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
        }
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
        if (length >= FLUSH_AT) writeWholeLines();
    }

    @Override
    public synchronized void flush() throws IOException {
        writeWholeLines();
    }

    private void writeWholeLines() throws IOException {
        int end = length;
        while (end > 0 && buffer[end - 1] != '\n') end--;
        if (end == 0) return;
        out.write(buffer, 0, end);
        System.arraycopy(buffer, end, buffer, 0, length - end);
        length -= end;
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
