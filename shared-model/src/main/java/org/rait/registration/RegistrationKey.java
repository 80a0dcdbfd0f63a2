package org.rait.registration;

import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.rait.keys.WgKey;

import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The registry side: its X25519 registration key pair. The public half is published so nodes can
 * prove requests; the private half checks them. Same 32-byte base64 form as a WireGuard key.
 */
public final class RegistrationKey {
    private final WgKey privateKey;
    private final WgKey publicKey;

    public RegistrationKey(WgKey privateKey) {
        this.privateKey = privateKey;
        this.publicKey = ProofKey.publicKeyOf(privateKey);
    }

    public static RegistrationKey generate(SecureRandom random) {
        return new RegistrationKey(WgKey.of(new X25519PrivateKeyParameters(random).getEncoded()));
    }

    public WgKey publicKey() {
        return publicKey;
    }

    /** The private key in base64, for the 0600 key file; never log it. */
    public String renderPrivate() {
        return privateKey.base64();
    }

    /**
     * True when the proof was made with the private key of {@code proof.nodeKey()} over exactly this
     * request. Freshness (timestamp window, replay) is the caller's policy: it needs stored state.
     */
    public boolean verifies(RequestProof proof, String method, String path, byte[] body) {
        byte[] key;
        try {
            key = ProofKey.derive(privateKey, proof.nodeKey(), proof.nodeKey(), publicKey);
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = ProofKey.mac(key, new ProvedRequest(method, path, proof.timestamp(), body));
        return MessageDigest.isEqual(expected, proof.mac());
    }

    @Override
    public String toString() {
        return "RegistrationKey[" + publicKey + "]";
    }
}
