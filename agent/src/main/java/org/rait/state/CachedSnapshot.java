package org.rait.state;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The last snapshot the agent verified and applied, as kept in the state directory.
 *
 * @param signature  minisign signature text; empty when it came from a source that is not verified
 * @param etag       what the server called it, for the next If-None-Match
 * @param acceptedAt when the agent accepted it (the snapshot's age in `rait status`)
 */
public record CachedSnapshot(String url, byte[] body, Optional<String> signature, Optional<String> etag, Instant acceptedAt) {
    public CachedSnapshot {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
    }
}
