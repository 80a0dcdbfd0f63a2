package org.rait.registry.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompleteLinesTest {
    @Test
    void onlyWholeLinesGoOutAndTheRestWaitsForItsNewline() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompleteLines lines = new CompleteLines(out);
        lines.write("one\ntw".getBytes(StandardCharsets.UTF_8));
        lines.flush();
        assertEquals("one\n", out.toString(StandardCharsets.UTF_8));
        lines.write("o\n".getBytes(StandardCharsets.UTF_8));
        lines.close();
        assertEquals("one\ntwo\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)  // a writer that waited for the stream would hang here
    void aWriterIsNotHeldByAStuckStreamWhileLessThanFourMebibytesWait() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream stuckStream = new OutputStream() {
            @Override
            public void write(int b) {
                throw new UnsupportedOperationException();
            }

            @Override
            public synchronized void write(byte[] bytes, int offset, int count) {
                stuck.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.write(bytes, offset, count);
            }
        };
        CompleteLines lines = new CompleteLines(stuckStream);
        byte[] line = ("x".repeat(99) + "\n").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 1000; i++) lines.write(line);   // 100 KB: the log's thread starts a batch and is stuck in it
        assertTrue(stuck.await(10, TimeUnit.SECONDS), "the log's own thread writes a batch once 64 KiB wait");
        for (int i = 0; i < 20_000; i++) lines.write(line);  // another 2 MB while it is stuck: copied, not written
        release.countDown();
        lines.close();
        assertEquals(21_000 * 100, written.size());
    }
}
