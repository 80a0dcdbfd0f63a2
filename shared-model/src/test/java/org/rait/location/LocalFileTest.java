package org.rait.location;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A local file reads, and fails to read, exactly as through java.nio.file.Files. */
class LocalFileTest {
    @Test
    void aFileReadsAsFilesReadsIt(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("peers.conf"), "peers {\n}\n".getBytes());

        assertArrayEquals(Files.readAllBytes(file), LocalFile.readAllBytes(file));
    }

    @Test
    void aMissingFileFailsAsFilesFails(@TempDir Path dir) {
        Path missing = dir.resolve("absent.conf");

        assertSameFailure(() -> Files.readAllBytes(missing), () -> LocalFile.readAllBytes(missing));
    }

    @Test
    void aDirectoryFailsAsFilesFails(@TempDir Path dir) {
        assertSameFailure(() -> Files.readAllBytes(dir), () -> LocalFile.readAllBytes(dir));
    }

    private interface Read {
        byte[] read() throws IOException;
    }

    private static void assertSameFailure(Read expected, Read actual) {
        IOException nio = assertThrows(IOException.class, expected::read);
        IOException ours = assertThrows(IOException.class, actual::read);
        assertEquals(nio.getClass(), ours.getClass());
        assertEquals(nio.getMessage(), ours.getMessage());
    }
}
