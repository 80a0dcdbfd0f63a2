package org.rait.keys;

import javax.crypto.KeyAgreement;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;

/**
 * WireGuard's key operations on Curve25519, with the JDK's X25519 (RFC 7748) and no other library.
 * Results are byte-for-byte those of {@code wg genkey}, {@code wg pubkey} and WireGuard's static DH.
 */
public final class X25519 {
    /** The u-coordinate of the curve's base point; DH with it yields the public key. */
    private static final BigInteger BASE_POINT = BigInteger.valueOf(9);

    private X25519() {
    }

    /** A new private key, clamped the way {@code wg genkey} writes it. */
    public static WgKey generatePrivateKey() {
        byte[] scalar = new byte[WgKey.LENGTH];
        Random.SOURCE.nextBytes(scalar);
        return WgKey.of(clamp(scalar));
    }

    /** The public key of a private key, like {@code wg pubkey} (which clamps the scalar first, as we do). */
    public static WgKey publicKey(WgKey privateKey) {
        return agree(privateKey, BASE_POINT);
    }

    /**
     * The X25519 shared secret of our private key and their public key (used for the registry's
     * proof of key possession). A public key of small order gives no secret and is rejected.
     */
    public static WgKey sharedSecret(WgKey privateKey, WgKey publicKey) {
        return agree(privateKey, uCoordinate(publicKey.bytes()));
    }

    /** Seeded on first use: only key generation needs it, and seeding costs every other command's start-up. */
    private static final class Random {
        static final SecureRandom SOURCE = new SecureRandom();
    }

    /** RFC 7748 decodeScalar25519: what WireGuard does to every private key before use. */
    static byte[] clamp(byte[] scalar) {
        byte[] out = scalar.clone();
        out[0] &= (byte) 248;
        out[31] &= 127;
        out[31] |= 64;
        return out;
    }

    private static WgKey agree(WgKey privateKey, BigInteger u) {
        try {
            KeyFactory factory = KeyFactory.getInstance("XDH");
            // The JDK clamps the scalar itself, so unclamped keys (as wg accepts them) work too.
            PrivateKey ours = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey.bytes()));
            PublicKey theirs = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u));
            KeyAgreement agreement = KeyAgreement.getInstance("XDH");
            agreement.init(ours);
            agreement.doPhase(theirs, true);
            return WgKey.of(agreement.generateSecret());
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("the public key is not usable for X25519 (small order point)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's X25519 is not available", e);
        }
    }

    /** RFC 7748 decodeUCoordinate: little-endian, top bit masked. */
    private static BigInteger uCoordinate(byte[] littleEndian) {
        byte[] bigEndian = new byte[WgKey.LENGTH];
        for (int i = 0; i < WgKey.LENGTH; i++) bigEndian[i] = littleEndian[WgKey.LENGTH - 1 - i];
        bigEndian[0] &= 127;
        return new BigInteger(1, bigEndian);
    }
}
