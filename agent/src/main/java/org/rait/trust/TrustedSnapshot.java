package org.rait.trust;

import org.rait.snapshot.TrustedComment;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A peer list the agent may apply: its signature checked against a pinned key, or explicitly accepted
 * without one (a local file, or verification turned off).
 *
 * @param comment the verified serial, expiry and format; empty when not verified
 */
public record TrustedSnapshot(String source, byte[] body, Optional<String> signature, Optional<TrustedComment> comment,
                              Optional<String> etag) {
    public TrustedSnapshot {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(etag, "etag");
    }

    public OptionalLong serial() {
        return comment.isPresent() ? OptionalLong.of(comment.get().serial()) : OptionalLong.empty();
    }
}
