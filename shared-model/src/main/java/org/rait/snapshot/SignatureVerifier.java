package org.rait.snapshot;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks detached minisign signatures against a fixed set of trusted (pinned) public keys, the way
 * `minisign -V` does: the key id picks the key, the signature must match BLAKE2b-512(body), and the
 * global signature must match signature || trusted comment.
 */
public final class SignatureVerifier {
    private final Map<KeyId, MinisignPublicKey> trusted;

    public SignatureVerifier(Collection<MinisignPublicKey> trustedKeys) {
        if (trustedKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one trusted minisign public key is needed");
        }
        this.trusted = trustedKeys.stream()
                .collect(Collectors.toUnmodifiableMap(MinisignPublicKey::keyId, Function.identity(), (a, b) -> {
                    if (!a.equals(b)) {
                        throw new IllegalArgumentException("two different trusted keys share key id " + a.keyId());
                    }
                    return a;
                }));
    }

    public VerifiedSignature verify(byte[] body, String signatureText) throws SignatureRejected {
        MinisignSignature signature;
        try {
            signature = MinisignSignature.parse(signatureText);
        } catch (MinisignFormatException e) {
            throw new SignatureRejected(SignatureRejected.Reason.MALFORMED, e.getMessage());
        }
        return verify(body, signature);
    }

    public VerifiedSignature verify(byte[] body, MinisignSignature signature) throws SignatureRejected {
        MinisignPublicKey key = trusted.get(signature.keyId());
        if (key == null) {
            throw new SignatureRejected(SignatureRejected.Reason.UNKNOWN_KEY_ID, "signed by key id " + signature.keyId()
                    + ", which is not a trusted key (trusted: " + trusted.keySet().stream().map(KeyId::hex).sorted()
                    .collect(Collectors.joining(", ")) + ")");
        }
        if (!key.verifies(MinisignSignature.prehash(body), signature.signature())) {
            throw new SignatureRejected(SignatureRejected.Reason.BAD_SIGNATURE,
                    "signature by key id " + signature.keyId() + " does not match the body");
        }
        if (!key.verifies(MinisignSignature.globalMessage(signature.signature(), signature.trustedComment()),
                signature.globalSignature())) {
            throw new SignatureRejected(SignatureRejected.Reason.BAD_TRUSTED_COMMENT_SIGNATURE,
                    "trusted comment '" + signature.trustedComment() + "' is not signed by key id " + signature.keyId());
        }
        return new VerifiedSignature(signature.keyId(), signature.trustedComment());
    }

    /** Verifies and parses the trusted comment as a registry snapshot comment (serial, expiry, format). */
    public VerifiedSnapshot verifySnapshot(byte[] body, String signatureText) throws SignatureRejected {
        VerifiedSignature verified = verify(body, signatureText);
        try {
            return new VerifiedSnapshot(verified.keyId(), TrustedComment.parse(verified.trustedComment()));
        } catch (MinisignFormatException e) {
            throw new SignatureRejected(SignatureRejected.Reason.MALFORMED, e.getMessage());
        }
    }
}
