package org.rait.registry.snapshot;

import org.rait.log.EventLog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes every served snapshot into a directory that nginx, a CDN or object storage can serve:
 * peers.conf and peers.conf.minisig (block syntax), peers.toml and peers.toml.minisig. Each file is
 * written to a temporary name, synced and renamed over the old one; the signature before its body,
 * so a reader that got the new body gets the new signature too. Signatures make any copy as good as
 * the registry's own: agents trust the snapshot, not the server.
 */
public final class MirrorDirectory {
    private final Path directory;
    private long written;

    public MirrorDirectory(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** Writes this snapshot unless a newer one is there already; a failure is logged and the registry goes on serving. */
    public synchronized void write(PublishedSnapshot snapshot) {
        if (snapshot.serial() <= written) return;
        try {
            Files.createDirectories(directory);
            write(snapshot.block(), "peers.conf");
            write(snapshot.toml(), "peers.toml");
            written = snapshot.serial();
            EventLog.stderr().info("mirror_written", "serial", snapshot.serial(), "directory", directory);
        } catch (IOException e) {
            EventLog.stderr().error("mirror_write_failed", "serial", snapshot.serial(), "directory", directory,
                    "error", e.toString());
        }
    }

    private void write(SignedBody signed, String name) throws IOException {
        replace(name + ".minisig", signed.signature().getBytes(StandardCharsets.UTF_8));
        replace(name, signed.bytes());
    }

    private void replace(String name, byte[] content) throws IOException {
        Path target = directory.resolve(name);
        Path temporary = directory.resolve("." + name + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) channel.write(buffer);
            channel.force(true);
        }
        // Readable by a web server's own user (nginx workers), like any published file.
        temporary.toFile().setReadable(true, false);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
