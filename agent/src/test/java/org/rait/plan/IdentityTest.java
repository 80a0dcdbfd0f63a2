package org.rait.plan;

import org.junit.jupiter.api.Test;
import org.rait.keys.WgKey;
import org.rait.keys.X25519;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class IdentityTest {
    private static final WgKey PRIVATE = X25519.generatePrivateKey();

    @Test
    void thePublicKeyIsTheOneX25519DerivesFromThePrivateKey() {
        Identity identity = Identity.of(PRIVATE);
        assertEquals(X25519.publicKey(PRIVATE), identity.publicKey());
        assertEquals(identity.publicKey(), identity.publicKey(), "asked twice, the same key");
        assertEquals(PRIVATE, identity.privateKey());
    }

    @Test
    void twoIdentitiesAreEqualWhenTheirPrivateKeysAreWhetherOrNotEitherPublicKeyWasDerived() {
        Identity derived = Identity.of(PRIVATE);
        derived.publicKey();
        assertEquals(derived, Identity.of(PRIVATE));
        assertEquals(derived.hashCode(), Identity.of(PRIVATE).hashCode());
        assertNotEquals(derived, Identity.of(X25519.generatePrivateKey()));
    }

    @Test
    void itShowsOnlyThePublicKey() {
        Identity identity = Identity.of(PRIVATE);
        assertEquals("Identity[publicKey=" + X25519.publicKey(PRIVATE).base64() + "]", identity.toString());
    }
}
