package org.rait.fetch;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A peer list as the server sent it, not verified yet.
 *
 * @param body            peers.conf bytes
 * @param signature       peers.conf.minisig bytes; empty when verification is off and it was not fetched
 * @param etag            the body's strong ETag, for the next conditional request
 * @param announcedSerial the X-Rait-Serial header of the body response, when the server sent one
 */
public record FetchedSnapshot(String url, byte[] body, Optional<byte[]> signature, Optional<String> etag,
                              OptionalLong announcedSerial) {
    public FetchedSnapshot {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(announcedSerial, "announcedSerial");
    }
}
