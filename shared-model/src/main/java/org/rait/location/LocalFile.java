package org.rait.location;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a file for reading the way {@link Files#newInputStream} does, through a {@link FileInputStream} when the
 * file opens: nio's channel set-up (its native library, direct buffers) is ~2 ms of a short command that reads
 * rait.conf and a peers file. A file that does not open is opened through nio after all, so that the failure is
 * the same exception with the same message as before (NoSuchFileException, AccessDeniedException, ...).
 */
public final class LocalFile {
    private LocalFile() {
    }

    public static InputStream open(Path file) throws IOException {
        try {
            return new FileInputStream(file.toFile());
        } catch (FileNotFoundException e) {
            return Files.newInputStream(file);
        }
    }

    /** All of the file, as {@link Files#readAllBytes} reads it. */
    public static byte[] readAllBytes(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        }
    }
}
