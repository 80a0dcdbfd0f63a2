package org.rait.snapshot;

/** A verified registry snapshot signature: the signing key and the parsed serial, expiry and format. */
public record VerifiedSnapshot(KeyId keyId, TrustedComment comment) {
}
