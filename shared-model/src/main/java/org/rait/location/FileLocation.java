package org.rait.location;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A filesystem path. Writes go to a temporary file next to it and are moved into place atomically. */
public record FileLocation(String path, TransferLimits limits) implements Location {
    @Override
    public byte[] read() throws LocationException {
        try (InputStream in = LocalFile.open(Path.of(path))) {
            return BoundedRead.readAll(in, limits.maxBytes());
        } catch (IOException e) {
            throw new LocationException("cannot read " + path + ": " + reason(e), e);
        }
    }

    @Override
    public void write(byte[] content) throws LocationException {
        Path target = Path.of(path).toAbsolutePath();
        Path temporary = null;
        try {
            temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.write(temporary, content);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new LocationException("cannot write " + path + ": " + reason(e), e);
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) return;
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // The write already failed; that is the error worth reporting.
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof BoundedRead.TooLarge) return e.getMessage();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public String toString() {
        return path;
    }
}
