package org.rait.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file holding a private key that group or others may read gets a warning, like wg and wg-quick give. */
class SecretFileTest {
    @TempDir
    Path dir;

    private Path file(String mode) throws IOException {
        Path file = dir.resolve("key-" + mode);
        Files.writeString(file, "KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI=\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void onlyTheOwnerMayReadIsQuiet() throws IOException {
        assertEquals(Optional.empty(), SecretFile.openToOthers(file("rw-------")));
        assertEquals(Optional.empty(), SecretFile.openToOthers(file("r--------")));
    }

    @Test
    void groupOrWorldReadableIsReportedWithItsMode() throws IOException {
        assertEquals(Optional.of("rw-r-----"), SecretFile.openToOthers(file("rw-r-----")));
        assertEquals(Optional.of("rw-r--r--"), SecretFile.openToOthers(file("rw-r--r--")));
    }

    @Test
    void aPipeOrATerminalIsNotAFileOthersCanRead() {
        assertEquals(Optional.empty(), SecretFile.openToOthers(dir));
        assertEquals(Optional.empty(), SecretFile.openToOthers(dir.resolve("absent")));
    }

    @Test
    void genkeyIntoAFileOthersCanReadSaysToSetTheUmask() throws IOException {
        StringWriter err = new StringWriter();
        SecretFile.warnIfKeyOutputOpen(file("rw-r--r--"), new PrintWriter(err));
        assertTrue(err.toString().contains("umask 077"), err.toString());
        StringWriter quiet = new StringWriter();
        SecretFile.warnIfKeyOutputOpen(file("rw-------"), new PrintWriter(quiet));
        assertEquals("", quiet.toString());
    }
}
