package org.rait.cli;

import org.junit.jupiter.api.Test;
import org.rait.testing.ConsoleRun;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recording run of bin/rait-cds-archive: several commands in one JVM, in the order given. */
class ArchiveRecordingTest {
    @Test
    void theArgumentsAreSplitIntoCommandsAtThen() {
        List<String[]> commands = ArchiveRecording.commands("up", "-c", "a.conf", "--then", "list", "-c", "a.conf", "--then", "down");

        assertEquals(3, commands.size());
        assertArrayEquals(new String[] {"up", "-c", "a.conf"}, commands.get(0));
        assertArrayEquals(new String[] {"list", "-c", "a.conf"}, commands.get(1));
        assertArrayEquals(new String[] {"down"}, commands.get(2));
    }

    @Test
    void anEmptyCommandIsLeftOut() {
        assertEquals(List.of("--version"), List.of(ArchiveRecording.commands("--then", "--version", "--then", "--then").get(0)));
        assertEquals(1, ArchiveRecording.commands("--then", "--version", "--then", "--then").size());
    }

    @Test
    void theCommandsRunInTheOrderGiven() {
        ConsoleRun run = ConsoleRun.capture("", () -> ArchiveRecording.firstFailure(
                ArchiveRecording.run(ArchiveRecording.commands("--version", "--then", "genkey", "--then", "--version"))));

        assertEquals(0, run.status(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(3, lines.length, run.out());
        assertTrue(lines[0].startsWith("rait "), lines[0]);
        assertTrue(lines[1].matches("[A-Za-z0-9+/]{43}="), "a private key second: " + lines[1]);
        assertEquals(lines[0], lines[2]);
    }

    @Test
    void aFailedCommandDoesNotStopTheOnesAfterItAndItsStatusIsTheRecordingsStatus() {
        ConsoleRun run = ConsoleRun.capture("", () -> {
            int[] statuses = ArchiveRecording.run(ArchiveRecording.commands(
                    "list", "-c", "/nonexistent/rait.conf", "--then", "--version"));
            assertEquals(0, statuses[1], "the command after the failed one ran");
            return ArchiveRecording.firstFailure(statuses);
        });

        assertTrue(run.status() != 0, "the failed list's status");
        assertTrue(run.out().startsWith("rait "), "--version ran after the failed list: " + run.out());
    }
}
