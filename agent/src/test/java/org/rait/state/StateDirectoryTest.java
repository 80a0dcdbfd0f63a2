package org.rait.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void aStoredSnapshotReadsBackWithBodySignatureAndEtag() {
        StateDirectory state = new StateDirectory(dir.resolve("rait"));
        byte[] body = "peers {\n}\n".getBytes(StandardCharsets.UTF_8);
        Instant at = Instant.parse("2026-11-26T12:00:00Z");
        state.storeSnapshot(new CachedSnapshot("https://r/peers.conf", body, Optional.of("untrusted comment: x\nRW..\n"),
                Optional.of("\"abc\""), at));

        CachedSnapshot back = state.snapshot().orElseThrow();
        assertArrayEquals(body, back.body());
        assertEquals(Optional.of("untrusted comment: x\nRW..\n"), back.signature());
        assertEquals(Optional.of("\"abc\""), back.etag());
        assertEquals(at, back.acceptedAt());
        assertEquals("https://r/peers.conf", back.url());
    }

    @Test
    void anEmptyDirectoryHasNoSnapshotAndNoSerial() {
        StateDirectory state = new StateDirectory(dir);
        assertTrue(state.snapshot().isEmpty());
        assertTrue(state.highestSerial().isEmpty());
    }

    @Test
    void theSerialFloorOnlyRises() {
        StateDirectory state = new StateDirectory(dir);
        state.recordSerial(7);
        state.recordSerial(3);
        assertEquals(OptionalLong.of(7), state.highestSerial());
        state.recordSerial(9);
        assertEquals(OptionalLong.of(9), state.highestSerial());
    }

    @Test
    void replacingLeavesNoTemporaryFilesBehind() throws Exception {
        StateDirectory state = new StateDirectory(dir);
        for (int i = 0; i < 3; i++) {
            state.storeSnapshot(new CachedSnapshot("u", new byte[] {(byte) i}, Optional.empty(), Optional.empty(), Instant.EPOCH));
            state.recordSerial(i);
        }
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "only 'snapshot' and 'serial' remain");
        }
    }

    @Test
    void aDamagedSnapshotFileIsAnErrorNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("snapshot"), "url=x\n");
        StateException e = assertThrows(StateException.class, () -> new StateDirectory(dir).snapshot());
        assertTrue(e.getMessage().contains(dir.resolve("snapshot").toString()), e.getMessage());
    }
}
