package org.rait.cli;

import org.rait.log.EventLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Files that hold a private key should be readable by their owner only. Like wg and wg-quick, rait warns
 * (and goes on) when one is not: rait.conf when it is read, the file `rait genkey` writes to.
 */
final class SecretFile {
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
    /** What the process's standard output is (a file when redirected with >). */
    static final Path STANDARD_OUTPUT = Path.of("/proc/self/fd/1");

    private SecretFile() {
    }

    /** The permissions ("rw-r--r--") of a regular file that others may read or write; empty otherwise or when unknown. */
    static Optional<String> openToOthers(Path file) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
            if (!attributes.isRegularFile()) return Optional.empty();
            Set<PosixFilePermission> open = EnumSet.copyOf(OTHERS);
            open.retainAll(attributes.permissions());
            return open.isEmpty() ? Optional.empty() : Optional.of(PosixFilePermissions.toString(attributes.permissions()));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** rait.conf holds the node's private key. */
    static void warnIfConfigOpen(String location) {
        if (location.equals("-") || location.contains("://")) return;
        Path file = Path.of(location);
        Optional<String> mode = openToOthers(file);
        if (mode.isPresent()) {
            new EventLog(System.err, false).warn("config_readable_by_others",
                    "file", location, "mode", mode.get(), "reason", "it holds the private key", "hint", "chmod 600 " + location);
        }
    }

    /** `rait genkey > FILE` under a permissive umask, as wg genkey says it. */
    static void warnIfKeyOutputOpen(Path output, java.io.PrintWriter err) {
        if (openToOthers(output).isPresent()) {
            err.println("Warning: writing to a file others can read.");
            err.println("Consider setting the umask to 077 (umask 077; rait genkey > FILE) and trying again.");
            err.flush();
        }
    }
}
