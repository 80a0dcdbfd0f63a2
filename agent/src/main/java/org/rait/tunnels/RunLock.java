package org.rait.tunnels;

import org.rait.log.EventLog;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The node's run lock: `rait up`, `rait down` and the agent's passes each hold it from observing to applying, so
 * that two of them never reconcile the same node at once. It is an advisory lock on {@code <runtime_dir>/rait.lock}
 * that the kernel drops when its holder exits, so a crashed run leaves nothing stale behind. The file carries the
 * holder's PID for the message of a run that gives up waiting.
 *
 * <p>The file is opened, written and truncated as a {@link RandomAccessFile} and only locked through its channel:
 * {@code FileChannel.open} with its options and a write through a heap buffer (copied to a direct one) cost every
 * `rait up` and `rait down` about 2.5 ms of CPU on the host before the first kernel request, ~70 ms in the VM guest
 * (docs/benchmarks.md, "Sixth round").
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE_NAME = "rait.lock";
    /** How long a run waits for another to finish before it gives up. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 50;

    private final RandomAccessFile file;

    private RunLock(RandomAccessFile file) {
        this.file = file;
    }

    /** Waits up to {@code wait} for the lock; says once that it waits, naming the holder. */
    public static RunLock acquire(Path runtimeDir, Duration wait, EventLog log) {
        Path file = runtimeDir.resolve(FILE_NAME);
        RandomAccessFile lockFile = openFile(runtimeDir, file);
        try {
            await(lockFile.getChannel(), file, wait, log);
            // Another run reads this while it waits; it is only a hint, the lock itself is what counts.
            lockFile.setLength(0);
            lockFile.write((pid() + "\n").getBytes(StandardCharsets.US_ASCII));
            return new RunLock(lockFile);
        } catch (IOException e) {
            closeAfterFailure(lockFile);
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAfterFailure(lockFile);
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

    /**
     * The lock file, made readable by its owner only when it is new. The directory is made only when missing
     * (creating one that exists throws and catches two exceptions inside the JDK). A file that does not open is
     * opened once more through the channel, so that the error names it as before.
     */
    private static RandomAccessFile openFile(Path runtimeDir, Path file) {
        try {
            if (!Files.isDirectory(runtimeDir)) Files.createDirectories(runtimeDir);
            if (!Files.exists(file)) create(file);
            try {
                return new RandomAccessFile(file.toFile(), "rw");
            } catch (FileNotFoundException e) {
                FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE).close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the run lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // Another run made it in the meantime: the same file, with the same mode.
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

    private static void closeAfterFailure(RandomAccessFile lockFile) {
        try {
            lockFile.close();
        } catch (IOException ignored) {
            // Closing is all that is left to do; the failure that brought us here is the one to report.
        }
    }

    /** Releases the lock (closing the file releases it) after clearing the PID, so that no one is named as holder. */
    @Override
    public void close() {
        try {
            file.setLength(0);
        } catch (IOException ignored) {
            // A stale PID in a free lock file misleads no one: it is only read while the lock is held.
        }
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the run lock: " + e.getMessage(), e);
        }
    }
}
