package org.rait.agent;

import org.rait.trust.TrustedSnapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A peers.conf on this node's own disk: read as it is at every pass and applied unsigned, as the original
 * tool did (whoever can write it can also write rait.conf).
 */
public final class LocalSource implements PeerSource {
    private final Path file;

    public LocalSource(Path file) {
        this.file = file;
    }

    @Override
    public SourceOutcome obtain(Optional<String> etag, OptionalLong floor) {
        try {
            byte[] body = Files.readAllBytes(file);
            return new SourceOutcome.Fresh(new TrustedSnapshot(file.toString(), body, Optional.empty(), Optional.empty(), Optional.empty()));
        } catch (IOException e) {
            return new SourceOutcome.Unreachable("unreadable", "cannot read " + file + ": " + e.getMessage(), Optional.empty());
        }
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public boolean unverifiedRemote() {
        return false;
    }
}
