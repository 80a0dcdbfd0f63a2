package org.rait.plan;

import org.rait.keys.WgKey;
import org.rait.keys.X25519;

import java.net.Inet6Address;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * This node's key pair. The public key is derived when it is first asked for: a plan towards no peers (`rait down`)
 * never asks, and the X25519 ladder costs a one-shot ~3.5 ms interpreted on the host, ~100 ms in the VM guest
 * (docs/benchmarks.md, "Sixth round"). Equal when the private keys are (the public key follows from it).
 * toString shows only the public key.
 */
public final class Identity {
    private final WgKey privateKey;
    private volatile WgKey publicKey;
    /** Link-local addresses already derived, by peer key; started over past {@link #REMEMBERED} (peers come and go). */
    private final Map<WgKey, Inet6Address> linkLocals = new HashMap<>();
    static final int REMEMBERED = 4096;

    private Identity(WgKey privateKey) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    }

    public static Identity of(WgKey privateKey) {
        return new Identity(privateKey);
    }

    public WgKey privateKey() {
        return privateKey;
    }

    public WgKey publicKey() {
        WgKey derived = publicKey;
        if (derived == null) {
            derived = X25519.publicKey(privateKey);
            publicKey = derived;
        }
        return derived;
    }

    /**
     * Our end's link-local address towards {@code peer}, {@link LinkLocalAddress#of}, derived once per peer: the running
     * agent plans for every peer at every pass, and the hash was a third of a plan's CPU (200 peers on the host, C1:
     * 0.6 of 1.6 ms).
     */
    public Inet6Address linkLocalTo(WgKey peer) {
        synchronized (linkLocals) {
            Inet6Address known = linkLocals.get(peer);
            if (known != null) return known;
            if (linkLocals.size() >= REMEMBERED) linkLocals.clear();
            Inet6Address derived = LinkLocalAddress.of(publicKey(), peer);
            linkLocals.put(peer, derived);
            return derived;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Identity other && privateKey.equals(other.privateKey);
    }

    @Override
    public int hashCode() {
        return privateKey.hashCode();
    }

    @Override
    public String toString() {
        return "Identity[publicKey=" + publicKey().base64() + "]";
    }
}
