package org.rait.snapshot;

import org.bouncycastle.crypto.digests.Blake2bDigest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A detached minisign signature (.minisig) of the prehashed kind "ED": Ed25519 over the BLAKE2b-512
 * of the body, plus a global signature over (signature || trusted comment) that makes the trusted
 * comment tamper-proof. Parsing checks only the layout; {@link SignatureVerifier} checks the keys.
 */
public record MinisignSignature(String untrustedComment, KeyId keyId, byte[] signature, String trustedComment,
                                byte[] globalSignature) {
    static final byte[] PREHASHED = {'E', 'D'};
    private static final byte[] LEGACY = {'E', 'd'};
    private static final int SIGNATURE_LENGTH = 64;
    private static final int ENCODED_LENGTH = 2 + KeyId.LENGTH + SIGNATURE_LENGTH;

    public MinisignSignature {
        MinisignText.checkComment(untrustedComment, "untrusted comment");
        MinisignText.checkComment(trustedComment, "trusted comment");
        if (signature.length != SIGNATURE_LENGTH || globalSignature.length != SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("Ed25519 signatures are 64 bytes");
        }
        signature = signature.clone();
        globalSignature = globalSignature.clone();
    }

    public static MinisignSignature parse(String text) {
        List<String> lines = MinisignText.lines(text, "minisign signature");
        if (lines.size() != 4) {
            throw new MinisignFormatException("minisign signature has " + lines.size()
                    + " lines, expected 4 (untrusted comment, signature, trusted comment, global signature)");
        }
        String untrusted = MinisignText.comment(lines.get(0), MinisignText.UNTRUSTED_PREFIX, "line 1 of the minisign signature");
        byte[] raw = MinisignText.base64(lines.get(1), ENCODED_LENGTH, "line 2 of the minisign signature");
        byte[] algorithm = Arrays.copyOfRange(raw, 0, 2);
        if (Arrays.equals(algorithm, LEGACY)) {
            throw new MinisignFormatException("minisign signature uses the legacy non-prehashed algorithm 'Ed'; "
                    + "only prehashed 'ED' signatures are accepted");
        }
        if (!Arrays.equals(algorithm, PREHASHED)) {
            throw new MinisignFormatException("minisign signature has an unknown algorithm");
        }
        String trusted = MinisignText.comment(lines.get(2), MinisignText.TRUSTED_PREFIX, "line 3 of the minisign signature");
        byte[] global = MinisignText.base64(lines.get(3), SIGNATURE_LENGTH, "line 4 of the minisign signature");
        try {
            return new MinisignSignature(untrusted, KeyId.of(Arrays.copyOfRange(raw, 2, 10)),
                    Arrays.copyOfRange(raw, 10, ENCODED_LENGTH), trusted, global);
        } catch (IllegalArgumentException e) {
            throw new MinisignFormatException("minisign signature: " + e.getMessage());
        }
    }

    /** The four-line .minisig text. */
    public String render() {
        ByteBuffer raw = ByteBuffer.allocate(ENCODED_LENGTH);
        raw.put(PREHASHED).put(keyId.bytes()).put(signature);
        Base64.Encoder base64 = Base64.getEncoder();
        return MinisignText.UNTRUSTED_PREFIX + untrustedComment + "\n"
                + base64.encodeToString(raw.array()) + "\n"
                + MinisignText.TRUSTED_PREFIX + trustedComment + "\n"
                + base64.encodeToString(globalSignature) + "\n";
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public byte[] globalSignature() {
        return globalSignature.clone();
    }

    static byte[] prehash(byte[] body) {
        Blake2bDigest digest = new Blake2bDigest(512);
        digest.update(body, 0, body.length);
        byte[] out = new byte[64];
        digest.doFinal(out, 0);
        return out;
    }

    static byte[] globalMessage(byte[] signature, String trustedComment) {
        byte[] comment = trustedComment.getBytes(StandardCharsets.UTF_8);
        byte[] message = Arrays.copyOf(signature, signature.length + comment.length);
        System.arraycopy(comment, 0, message, signature.length, comment.length);
        return message;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MinisignSignature s && untrustedComment.equals(s.untrustedComment) && keyId.equals(s.keyId)
                && Arrays.equals(signature, s.signature) && trustedComment.equals(s.trustedComment)
                && Arrays.equals(globalSignature, s.globalSignature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "MinisignSignature[keyId=" + keyId + ", trustedComment=" + trustedComment + "]";
    }
}
