package org.rait.snapshot;

/** The outcome of a successful check: which trusted key signed, and the trusted comment it vouched for. */
public record VerifiedSignature(KeyId keyId, String trustedComment) {
}
