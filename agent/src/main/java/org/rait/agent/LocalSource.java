package org.rait.agent;

import org.rait.location.LocalFile;
import org.rait.trust.TrustedSnapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A peers.conf on this node's own disk, read as it is at every pass, or stdin ('-', read once: a single run only);
 * applied unsigned, as the original tool did (whoever can write it can also write rait.conf).
 */
public final class LocalSource implements PeerSource {
    private final String location;
    private final Reader reader;

    @FunctionalInterface
    private interface Reader {
        byte[] read() throws IOException;
    }

    private LocalSource(String location, Reader reader) {
        this.location = location;
        this.reader = reader;
    }

    public LocalSource(Path file) {
        this(file.toString(), new FileReader(file));
    }

    /** The file read at every pass: a class rather than a lambda, linked at run time in every `rait up`. */
    private record FileReader(Path file) implements Reader {
        @Override
        public byte[] read() throws IOException {
            return LocalFile.readAllBytes(file);
        }
    }

    /** The peer list on standard input. */
    public static LocalSource stdin() {
        InputStream in = System.in;
        return new LocalSource("-", in::readAllBytes);
    }

    @Override
    public SourceOutcome obtain(Optional<String> etag, OptionalLong floor) {
        try {
            byte[] body = reader.read();
            return new SourceOutcome.Fresh(new TrustedSnapshot(location, body, Optional.empty(), Optional.empty(), Optional.empty()));
        } catch (IOException e) {
            return new SourceOutcome.Unreachable("unreadable", "cannot read " + location + ": " + e.getMessage(), Optional.empty());
        }
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public boolean unverifiedRemote() {
        return false;
    }
}
