package org.rait.snapshot;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A minisign Ed25519 public key: key id plus 32 key bytes. Its text form is the single base64 line
 * starting "RW" (what `minisign -P` takes); its file form adds an untrusted comment line before it.
 */
public final class MinisignPublicKey {
    static final byte[] ALGORITHM = {'E', 'd'};
    private static final int ENCODED_LENGTH = 2 + KeyId.LENGTH + 32;

    private final KeyId keyId;
    private final byte[] key;

    MinisignPublicKey(KeyId keyId, byte[] key) {
        this.keyId = keyId;
        this.key = key.clone();
    }

    /** Parses the base64 line ("RWQ..."), as printed by minisign and passed to `minisign -P`. */
    public static MinisignPublicKey parse(String base64Line) {
        byte[] raw = MinisignText.base64(base64Line, ENCODED_LENGTH, "minisign public key");
        if (raw[0] != ALGORITHM[0] || raw[1] != ALGORITHM[1]) {
            throw new MinisignFormatException("minisign public key has algorithm '" + (char) raw[0] + (char) raw[1]
                    + "', expected 'Ed'");
        }
        return new MinisignPublicKey(KeyId.of(Arrays.copyOfRange(raw, 2, 10)), Arrays.copyOfRange(raw, 10, ENCODED_LENGTH));
    }

    /** Parses a .pub file: "untrusted comment: ..." then the base64 line. */
    public static MinisignPublicKey parseFile(String text) {
        List<String> lines = MinisignText.lines(text, "minisign public key file");
        if (lines.size() != 2) {
            throw new MinisignFormatException("minisign public key file has " + lines.size()
                    + " lines, expected 2 (untrusted comment, key)");
        }
        MinisignText.comment(lines.get(0), MinisignText.UNTRUSTED_PREFIX, "line 1 of the minisign public key file");
        return parse(lines.get(1));
    }

    public KeyId keyId() {
        return keyId;
    }

    /** The base64 line, e.g. for `minisign -P`. */
    public String render() {
        ByteBuffer raw = ByteBuffer.allocate(ENCODED_LENGTH);
        raw.put(ALGORITHM).put(keyId.bytes()).put(key);
        return Base64.getEncoder().encodeToString(raw.array());
    }

    /** The two-line .pub file minisign writes. */
    public String renderFile() {
        return MinisignText.UNTRUSTED_PREFIX + "minisign public key " + keyId.hex() + "\n" + render() + "\n";
    }

    boolean verifies(byte[] message, byte[] signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(key, 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MinisignPublicKey k && keyId.equals(k.keyId) && Arrays.equals(key, k.key);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode() * 31 + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return render();
    }
}
