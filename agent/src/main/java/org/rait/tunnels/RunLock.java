package org.rait.tunnels;

import org.rait.log.EventLog;

import org.rait.netlink.LibC;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
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
 * <p>The lock is an open file description lock (fcntl(2) F_OFD_SETLK on the whole file) taken through libc, which the
 * namespaces need next anyway: the JDK's FileChannel and FileLock cost every `rait up` and `rait down` ~28 classes and
 * nio's native library, ~25 ms of the VM guest (docs/benchmarks.md, helper "confpath"). It conflicts with the POSIX
 * record lock FileChannel took (what earlier versions of rait and lockf(3) hold), and with another open of the file
 * in the same process, as FileChannel's own lock table refused a second lock in one JVM.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE_NAME = "rait.lock";
    /** How long a run waits for another to finish before it gives up. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 50;
    private static final int O_RDWR_CREAT_CLOEXEC = 02 | 0100 | 02000000;
    private static final int OWNER_ONLY = 0600;
    private static final int F_OFD_SETLK = 37;
    private static final short F_WRLCK = 1;
    private static final int EACCES = 13;
    private static final int EAGAIN = 11;

    private final int fd;
    private boolean released;

    private RunLock(int fd) {
        this.fd = fd;
    }

    /** Waits up to {@code wait} for the lock; says once that it waits, naming the holder. */
    public static RunLock acquire(Path runtimeDir, Duration wait, EventLog log) {
        Path file = runtimeDir.resolve(FILE_NAME);
        int fd = openFile(runtimeDir, file);
        try {
            await(fd, file, wait, log);
            // Another run reads this while it waits; it is only a hint, the lock itself is what counts.
            byte[] pid = (pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            if (LibC.INSTANCE.ftruncate(fd, 0) != 0 || LibC.INSTANCE.write(fd, pid) != pid.length) throw failure("write");
            return new RunLock(fd);
        } catch (IOException e) {
            LibC.INSTANCE.close(fd);
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            LibC.INSTANCE.close(fd);
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
     * opened once more through nio, so that the error names it as before.
     */
    private static int openFile(Path runtimeDir, Path file) {
        try {
            if (!runtimeDir.toFile().isDirectory()) Files.createDirectories(runtimeDir);
            int fd = LibC.INSTANCE.open(file.toString(), O_RDWR_CREAT_CLOEXEC, OWNER_ONLY);
            if (fd < 0) {
                IOException why = failure("open");
                openAsBefore(file);
                throw why;
            }
            return fd;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the run lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** What the JDK said of a lock file that does not open: made when missing, then opened for reading and writing. */
    private static void openAsBefore(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                // Another run made it in the meantime: the same file, with the same mode.
            }
        }
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE).close();
    }

    private static void await(int fd, Path file, Duration wait, EventLog log) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        boolean said = false;
        while (!tryLock(fd)) {
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

    /** A write lock of the whole file (struct flock: l_type, l_whence SEEK_SET, l_start 0, l_len 0, l_pid 0). */
    private static boolean tryLock(int fd) throws IOException {
        byte[] flock = new byte[32];
        flock[0] = (byte) F_WRLCK;
        if (LibC.INSTANCE.fcntl(fd, F_OFD_SETLK, flock) == 0) return true;
        int errno = LibC.errno();
        if (errno == EAGAIN || errno == EACCES) return false;
        throw failure("lock");
    }

    /** The last call's errno as the system words it. */
    private static IOException failure(String call) {
        return new IOException(call + ": " + LibC.INSTANCE.strerror(LibC.errno()));
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

    /** Releases the lock (closing the file releases it) after clearing the PID, so that no one is named as holder. */
    @Override
    public void close() {
        // Once only: the descriptor's number may be another file's after it is closed.
        if (released) return;
        released = true;
        // A stale PID in a free lock file misleads no one: it is only read while the lock is held.
        LibC.INSTANCE.ftruncate(fd, 0);
        if (LibC.INSTANCE.close(fd) != 0) {
            IOException e = failure("close");
            throw new UncheckedIOException("cannot release the run lock: " + e.getMessage(), e);
        }
    }
}
