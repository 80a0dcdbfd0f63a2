package org.rait.plan;

import org.rait.keys.WgKey;
import org.rait.keys.X25519;

import java.util.Objects;

/** This node's key pair. toString shows only the public key. */
public record Identity(WgKey privateKey, WgKey publicKey) {
    public Identity {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    public static Identity of(WgKey privateKey) {
        return new Identity(privateKey, X25519.publicKey(privateKey));
    }

    @Override
    public String toString() {
        return "Identity[publicKey=" + publicKey.base64() + "]";
    }
}
