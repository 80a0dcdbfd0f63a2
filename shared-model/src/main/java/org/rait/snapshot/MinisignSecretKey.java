package org.rait.snapshot;

import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A minisign Ed25519 signing key. On disk it uses minisign's own secret-key file in its unencrypted
 * form (what `minisign -G -W` writes: KDF algorithm "\0\0", no password), so `minisign -S -s FILE`
 * can sign with the same file. The file holds the secret: whoever writes it makes it mode 0600.
 */
public final class MinisignSecretKey {
    private static final byte[] KDF_NONE = {0, 0};
    private static final byte[] CHECKSUM_ALGORITHM = {'B', '2'};
    private static final int SALT_LENGTH = 32;
    private static final int LIMIT_LENGTH = 8;
    private static final int SECRET_LENGTH = 64;
    private static final int CHECKSUM_LENGTH = 32;
    private static final int ENCODED_LENGTH = 2 + 2 + 2 + SALT_LENGTH + 2 * LIMIT_LENGTH + KeyId.LENGTH
            + SECRET_LENGTH + CHECKSUM_LENGTH;
    private static final String DEFAULT_UNTRUSTED_COMMENT = "signature from rait-registry";

    private final KeyId keyId;
    private final Ed25519PrivateKeyParameters key;

    private MinisignSecretKey(KeyId keyId, Ed25519PrivateKeyParameters key) {
        this.keyId = keyId;
        this.key = key;
    }

    public static MinisignSecretKey generate(SecureRandom random) {
        byte[] id = new byte[KeyId.LENGTH];
        random.nextBytes(id);
        return new MinisignSecretKey(KeyId.of(id), new Ed25519PrivateKeyParameters(random));
    }

    /** Parses an unencrypted minisign secret-key file; an encrypted one is refused with a hint. */
    public static MinisignSecretKey parseFile(String text) {
        List<String> lines = MinisignText.lines(text, "minisign secret key file");
        if (lines.size() != 2) {
            throw new MinisignFormatException("minisign secret key file has " + lines.size()
                    + " lines, expected 2 (untrusted comment, key)");
        }
        MinisignText.comment(lines.get(0), MinisignText.UNTRUSTED_PREFIX, "line 1 of the minisign secret key file");
        ByteBuffer raw = ByteBuffer.wrap(MinisignText.base64(lines.get(1), ENCODED_LENGTH, "minisign secret key"));
        byte[] algorithm = take(raw, 2);
        byte[] kdf = take(raw, 2);
        byte[] checksumAlgorithm = take(raw, 2);
        if (!Arrays.equals(algorithm, MinisignPublicKey.ALGORITHM) || !Arrays.equals(checksumAlgorithm, CHECKSUM_ALGORITHM)) {
            throw new MinisignFormatException("minisign secret key has an unknown algorithm");
        }
        if (!Arrays.equals(kdf, KDF_NONE)) {
            throw new MinisignFormatException("minisign secret key is password-protected; "
                    + "an unattended signer needs an unencrypted one (minisign -G -W)");
        }
        take(raw, SALT_LENGTH + 2 * LIMIT_LENGTH);
        byte[] id = take(raw, KeyId.LENGTH);
        byte[] secret = take(raw, SECRET_LENGTH);
        byte[] checksum = take(raw, CHECKSUM_LENGTH);
        // minisign leaves the checksum zero in unencrypted files; when one is present it must match.
        if (!isZero(checksum) && !MessageDigest.isEqual(checksum, checksum(id, secret))) {
            throw new MinisignFormatException("minisign secret key checksum does not match its contents");
        }
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(secret, 0);
        if (!Arrays.equals(key.generatePublicKey().getEncoded(), Arrays.copyOfRange(secret, 32, 64))) {
            throw new MinisignFormatException("minisign secret key holds a public half that does not belong to it");
        }
        return new MinisignSecretKey(KeyId.of(id), key);
    }

    public KeyId keyId() {
        return keyId;
    }

    public MinisignPublicKey publicKey() {
        return new MinisignPublicKey(keyId, key.generatePublicKey().getEncoded());
    }

    /** The unencrypted secret-key file, byte-compatible with `minisign -G -W`. */
    public String renderFile() {
        byte[] secret = secretBytes();
        ByteBuffer raw = ByteBuffer.allocate(ENCODED_LENGTH);
        raw.put(MinisignPublicKey.ALGORITHM).put(KDF_NONE).put(CHECKSUM_ALGORITHM)
                .put(new byte[SALT_LENGTH + 2 * LIMIT_LENGTH])
                .put(keyId.bytes()).put(secret).put(new byte[CHECKSUM_LENGTH]);
        Arrays.fill(secret, (byte) 0);
        return MinisignText.UNTRUSTED_PREFIX + "minisign encrypted secret key\n"
                + Base64.getEncoder().encodeToString(raw.array()) + "\n";
    }

    /** Signs body with the prehashed algorithm "ED" and the given trusted comment. */
    public MinisignSignature sign(byte[] body, String trustedComment) {
        return sign(body, trustedComment, DEFAULT_UNTRUSTED_COMMENT);
    }

    public MinisignSignature sign(byte[] body, String trustedComment, String untrustedComment) {
        MinisignText.checkComment(trustedComment, "trusted comment");
        MinisignText.checkComment(untrustedComment, "untrusted comment");
        byte[] signature = ed25519(MinisignSignature.prehash(body));
        byte[] globalSignature = ed25519(MinisignSignature.globalMessage(signature, trustedComment));
        return new MinisignSignature(untrustedComment, keyId, signature, trustedComment, globalSignature);
    }

    private byte[] ed25519(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** libsodium's 64-byte secret key: seed then public key. */
    private byte[] secretBytes() {
        byte[] secret = new byte[SECRET_LENGTH];
        System.arraycopy(key.getEncoded(), 0, secret, 0, 32);
        System.arraycopy(key.generatePublicKey().getEncoded(), 0, secret, 32, 32);
        return secret;
    }

    private static byte[] checksum(byte[] id, byte[] secret) {
        Blake2bDigest digest = new Blake2bDigest(CHECKSUM_LENGTH * 8);
        digest.update(MinisignPublicKey.ALGORITHM, 0, 2);
        digest.update(id, 0, id.length);
        digest.update(secret, 0, secret.length);
        byte[] out = new byte[CHECKSUM_LENGTH];
        digest.doFinal(out, 0);
        return out;
    }

    private static byte[] take(ByteBuffer buffer, int length) {
        byte[] out = new byte[length];
        buffer.get(out);
        return out;
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) return false;
        }
        return true;
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "MinisignSecretKey[keyId=" + keyId + "]";
    }
}
