package org.rait.keys;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WireGuard's key operations on Curve25519 (RFC 7748 X25519, computed by {@link Curve25519}).
 * Results are byte-for-byte those of {@code wg genkey}, {@code wg pubkey} and WireGuard's static DH.
 */
public final class X25519 {
    /**
     * Public keys already known in this process, by private key as given: derived here, or read back from the kernel's
     * WireGuard with the private key it derived them from ({@link #knownPair}). The ladder (and C1 compiling its field
     * arithmetic) costs a one-shot ~25 million instructions, as much as a fifth of what `rait up` runs after the JVM's
     * start, ~0.1-0.3 s in the VM guest; a node has one private key (docs/benchmarks.md, "From Main to the first
     * kernel request"). A key not yet clamped misses the kernel's pair (stored clamped, as WireGuard keeps it) and is
     * derived. Bounded, as a process may be handed many keys (tests, the registry's tools).
     */
    private static final Map<WgKey, WgKey> KNOWN = new ConcurrentHashMap<>();
    private static final int KNOWN_AT_MOST = 16;

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
        WgKey known = KNOWN.get(privateKey);
        if (known != null) return known;
        WgKey derived = WgKey.of(Curve25519.publicKey(privateKey.bytes()));
        remember(privateKey, derived);
        return derived;
    }

    /**
     * A pair that WireGuard itself derived: a device's private key and the public key the kernel reports with it
     * (it computes the one from the other when the private key is set). {@link #publicKey} then answers from it, so a
     * pass towards devices that exist never runs the ladder for this node's own key.
     */
    public static void knownPair(WgKey privateKey, WgKey publicKey) {
        remember(privateKey, publicKey);
    }

    private static void remember(WgKey privateKey, WgKey publicKey) {
        if (KNOWN.size() >= KNOWN_AT_MOST) KNOWN.clear();
        KNOWN.put(privateKey, publicKey);
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
}
