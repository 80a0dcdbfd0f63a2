package org.rait.tunnels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rait.log.EventLog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunLockTest {
    private static final long OUR_PID = ProcessHandle.current().pid();

    @TempDir
    Path runtime;

    @Test
    void aSecondRunWaitsUntilTheFirstReleasesTheLock() throws Exception {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        EventLog log = new EventLog(new PrintStream(said, true, StandardCharsets.UTF_8), false);
        RunLock first = RunLock.acquire(runtime, Duration.ofSeconds(1), EventLog.quiet());
        CompletableFuture<RunLock> second = CompletableFuture.supplyAsync(() -> RunLock.acquire(runtime, Duration.ofSeconds(20), log));

        assertThrows(java.util.concurrent.TimeoutException.class, () -> second.get(500, TimeUnit.MILLISECONDS),
                "the second run must not get the lock while the first holds it");
        first.close();
        try (RunLock acquired = second.get(10, TimeUnit.SECONDS)) {
            assertEquals(OUR_PID + "\n", Files.readString(runtime.resolve("rait.lock")), "the holder's PID is in the file");
        }
        assertTrue(said.toString(StandardCharsets.UTF_8).contains("level=info event=waiting lock=" + runtime.resolve("rait.lock")
                + " holder_pid=" + OUR_PID), said.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRunThatWaitsTooLongFailsNamingTheLockFileAndTheHolder() {
        try (RunLock held = RunLock.acquire(runtime, Duration.ofSeconds(1), EventLog.quiet())) {
            RunLockBusy busy = assertThrows(RunLockBusy.class, () -> RunLock.acquire(runtime, Duration.ofMillis(300), EventLog.quiet()));

            assertEquals(runtime.resolve("rait.lock"), busy.file());
            assertEquals(OUR_PID, busy.holderPid().orElseThrow());
            assertEquals("another rait run (pid " + OUR_PID + ") holds " + runtime.resolve("rait.lock")
                    + "; gave up after waiting 0.3 s", busy.getMessage());
        }
    }

    @Test
    void theLockIsSeenByOtherProcesses() throws Exception {
        Path file = runtime.resolve("rait.lock");
        Process holder = new ProcessBuilder(List.of("python3", "-c",
                "import fcntl,os,sys,time\nf=open(sys.argv[1],'a+')\nfcntl.lockf(f,fcntl.LOCK_EX)\nf.truncate(0)\n"
                        + "f.write(str(os.getpid())+'\\n')\nf.flush()\nprint('locked',flush=True)\ntime.sleep(60)", file.toString()))
                .redirectErrorStream(true).start();
        try {
            assertEquals("locked", new String(holder.getInputStream().readNBytes(6), StandardCharsets.US_ASCII));

            RunLockBusy busy = assertThrows(RunLockBusy.class, () -> RunLock.acquire(runtime, Duration.ofMillis(200), EventLog.quiet()));

            assertEquals(holder.pid(), busy.holderPid().orElseThrow());
        } finally {
            holder.destroy();
            holder.waitFor();
        }
        try (RunLock free = RunLock.acquire(runtime, Duration.ofSeconds(5), EventLog.quiet())) {
            assertEquals(OUR_PID + "\n", Files.readString(file), "a lock whose holder exited is free again");
        }
    }

    @Test
    void theLockFileIsReadableOnlyByItsOwnerAndEmptyOnceReleased() throws IOException {
        Path dir = runtime.resolve("not-yet-made");
        try (RunLock held = RunLock.acquire(dir, Duration.ofSeconds(1), EventLog.quiet())) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("rait.lock"))));
        }
        assertEquals("", Files.readString(dir.resolve("rait.lock")), "no one is named as holder of a free lock");
    }

    @Test
    void aLockFileThatExistsKeepsItsModeAndIsEmptyOnceReleased() throws IOException {
        Path file = Files.writeString(runtime.resolve("rait.lock"), "12345\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        try (RunLock held = RunLock.acquire(runtime, Duration.ofSeconds(1), EventLog.quiet())) {
            assertEquals(OUR_PID + "\n", Files.readString(file), "the old holder's PID is replaced, not appended to");
        }
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("", Files.readString(file));
    }

    @Test
    void aLockFileThatDoesNotOpenIsNamedWithTheSystemsReason() throws IOException {
        Path file = Files.createDirectory(runtime.resolve("rait.lock"));
        UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                () -> RunLock.acquire(runtime, Duration.ofSeconds(1), EventLog.quiet()));
        assertEquals("cannot open the run lock " + file + ": " + file + ": Is a directory", failure.getMessage());
    }

    @Test
    void aRunThatWaitedNoTimeSaysNothing() {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try (RunLock held = RunLock.acquire(runtime, Duration.ofSeconds(1), new EventLog(new PrintStream(said), false))) {
            assertFalse(said.toString().contains("event=waiting"));
        }
    }
}
