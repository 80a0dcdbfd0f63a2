package org.rait.tunnels;

import org.rait.log.EventLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The node's run lock: `rait up`, `rait down` and the agent's passes each hold it from observing to applying, so
 * that two of them never reconcile the same node at once. It is an advisory lock on {@code <runtime_dir>/rait.lock}
 * that the kernel drops when its holder exits, so a crashed run leaves nothing stale behind. The file carries the
 * holder's PID for the message of a run that gives up waiting.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE_NAME = "rait.lock";
    /** How long a run waits for another to finish before it gives up. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 50;

    private final FileChannel channel;

    private RunLock(FileChannel channel) {
        this.channel = channel;
    }

    /** Waits up to {@code wait} for the lock; says once that it waits, naming the holder. */
    public static RunLock acquire(Path runtimeDir, Duration wait, EventLog log) {
        Path file = runtimeDir.resolve(FILE_NAME);
        FileChannel channel = openFile(runtimeDir, file);
        try {
            await(channel, file, wait, log);
            // Another run reads this while it waits; it is only a hint, the lock itself is what counts.
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new RunLock(channel);
        } catch (IOException e) {
            closeAfterFailure(channel);
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAfterFailure(channel);
            throw e;
        }
    }

    /**
     * This process's id as /proc/self names it: ProcessHandle's set-up makes a thread pool and spins lambdas at run
     * time, a cost every one-shot `rait up` paid for this one number.
     */
    private static String pid() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self")).toString();
        } catch (IOException | RuntimeException e) {
            return Long.toString(ProcessHandle.current().pid());
        }
    }

    private static FileChannel openFile(Path runtimeDir, Path file) {
        try {
            Files.createDirectories(runtimeDir);
            return FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the run lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static void await(FileChannel channel, Path file, Duration wait, EventLog log) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        boolean said = false;
        while (!tryLock(channel)) {
            if (System.nanoTime() - deadline >= 0) throw new RunLockBusy(file, holder(file), wait);
            if (!said) {
                log.info("waiting", "lock", file, "holder_pid", pidText(holder(file)));
                said = true;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the run lock " + file, e);
            }
        }
    }

    private static boolean tryLock(FileChannel channel) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            return lock != null;
        } catch (OverlappingFileLockException e) {
            // Held by another run in this JVM (the kernel would grant it again to the same process).
            return false;
        }
    }

    private static OptionalLong holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String pidText(OptionalLong pid) {
        return pid.isPresent() ? Long.toString(pid.getAsLong()) : "unknown";
    }

    private static void closeAfterFailure(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing is all that is left to do; the failure that brought us here is the one to report.
        }
    }

    /** Releases the lock (closing the file releases it) after clearing the PID, so that no one is named as holder. */
    @Override
    public void close() {
        try {
            channel.truncate(0);
        } catch (IOException ignored) {
            // A stale PID in a free lock file misleads no one: it is only read while the lock is held.
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the run lock: " + e.getMessage(), e);
        }
    }
}
