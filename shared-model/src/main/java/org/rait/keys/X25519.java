package org.rait.keys;

import java.security.SecureRandom;

/**
 * WireGuard's key operations on Curve25519 (RFC 7748 X25519, computed by {@link Curve25519}).
 * Results are byte-for-byte those of {@code wg genkey}, {@code wg pubkey} and WireGuard's static DH.
 */
public final class X25519 {
    /** The u-coordinate of the curve's base point; DH with it yields the public key. */
    private static final byte[] BASE_POINT = basePoint();

    private X25519() {
    }

    /** A new private key, clamped the way {@code wg genkey} writes it. */
    public static WgKey generatePrivateKey() {
        byte[] scalar = new byte[WgKey.LENGTH];
        Random.SOURCE.nextBytes(scalar);
        return WgKey.of(Curve25519.clamp(scalar));
    }

    /** The public key of a private key, like {@code wg pubkey} (which clamps the scalar first, as we do). */
    public static WgKey publicKey(WgKey privateKey) {
        return WgKey.of(Curve25519.scalarMultiply(privateKey.bytes(), BASE_POINT));
    }

    /**
     * The X25519 shared secret of our private key and their public key (used for the registry's
     * proof of key possession). A public key of small order gives no secret and is rejected.
     */
    public static WgKey sharedSecret(WgKey privateKey, WgKey publicKey) {
        byte[] secret = Curve25519.scalarMultiply(privateKey.bytes(), publicKey.bytes());
        int any = 0;
        for (byte b : secret) any |= b;
        if (any == 0) throw new IllegalArgumentException("the public key is not usable for X25519 (small order point)");
        return WgKey.of(secret);
    }

    /** Seeded on first use: only key generation needs it, and seeding costs every other command's start-up. */
    private static final class Random {
        static final SecureRandom SOURCE = new SecureRandom();
    }

    private static byte[] basePoint() {
        byte[] u = new byte[WgKey.LENGTH];
        u[0] = 9;
        return u;
    }
}
