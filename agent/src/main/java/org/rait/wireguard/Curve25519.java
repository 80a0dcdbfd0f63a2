package org.rait.wireguard;

import org.rait.keys.WgKey;

import javax.crypto.KeyAgreement;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;

/** WireGuard's public key of a private key: X25519(private, basepoint 9), with the JDK's XDH. */
public final class Curve25519 {
    private static final BigInteger BASE_POINT = BigInteger.valueOf(9);

    private Curve25519() {
    }

    public static WgKey publicKey(WgKey privateKey) {
        try {
            KeyFactory factory = KeyFactory.getInstance("XDH");
            var privateSpec = new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey.bytes());
            var base = new XECPublicKeySpec(NamedParameterSpec.X25519, BASE_POINT);
            KeyAgreement agreement = KeyAgreement.getInstance("XDH");
            agreement.init(factory.generatePrivate(privateSpec));
            agreement.doPhase(factory.generatePublic(base), true);
            return WgKey.of(agreement.generateSecret());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 is not available in this JDK", e);
        }
    }
}
