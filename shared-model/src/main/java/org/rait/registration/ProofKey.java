package org.rait.registration;

import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.rait.keys.WgKey;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The MAC key both sides derive: static X25519 between the node's WireGuard key and the registry's
 * registration key (each side uses its private half and the other's public half, and gets the same
 * secret), then HKDF-SHA256 (RFC 5869) bound to both public keys so a key derived for one pair
 * never serves another.
 */
final class ProofKey {
    private static final byte[] SALT = "rait-registration-v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INFO_PREFIX = "rait request proof".getBytes(StandardCharsets.UTF_8);
    static final int MAC_LENGTH = 32;

    private ProofKey() {
    }

    static WgKey publicKeyOf(WgKey privateKey) {
        return WgKey.of(new X25519PrivateKeyParameters(privateKey.bytes(), 0).generatePublicKey().getEncoded());
    }

    /** @throws IllegalArgumentException when the other key is a low-order point (the shared secret would be zero) */
    static byte[] derive(WgKey ownPrivate, WgKey otherPublic, WgKey nodePublic, WgKey registryPublic) {
        X25519Agreement agreement = new X25519Agreement();
        agreement.init(new X25519PrivateKeyParameters(ownPrivate.bytes(), 0));
        byte[] shared = new byte[agreement.getAgreementSize()];
        try {
            agreement.calculateAgreement(new X25519PublicKeyParameters(otherPublic.bytes(), 0), shared, 0);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("public key " + otherPublic + " is not usable for key agreement");
        }
        byte[] info = new byte[INFO_PREFIX.length + 2 * WgKey.LENGTH];
        System.arraycopy(INFO_PREFIX, 0, info, 0, INFO_PREFIX.length);
        System.arraycopy(nodePublic.bytes(), 0, info, INFO_PREFIX.length, WgKey.LENGTH);
        System.arraycopy(registryPublic.bytes(), 0, info, INFO_PREFIX.length + WgKey.LENGTH, WgKey.LENGTH);
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(shared, SALT, info));
        byte[] key = new byte[MAC_LENGTH];
        hkdf.generateBytes(key, 0, key.length);
        Arrays.fill(shared, (byte) 0);
        return key;
    }

    static byte[] mac(byte[] key, ProvedRequest request) {
        HMac hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(key));
        byte[] message = request.canonical();
        hmac.update(message, 0, message.length);
        byte[] out = new byte[MAC_LENGTH];
        hmac.doFinal(out, 0);
        return out;
    }
}
