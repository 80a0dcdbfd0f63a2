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
    void theLinkLocalAddressTowardsAPeerIsTheOneDerivedFromBothKeysHoweverManyPeersCameBefore() {
        Identity identity = Identity.of(PRIVATE);
        WgKey peer = X25519.publicKey(X25519.generatePrivateKey());
        assertEquals(LinkLocalAddress.of(identity.publicKey(), peer), identity.linkLocalTo(peer));
        assertEquals(LinkLocalAddress.of(identity.publicKey(), peer), identity.linkLocalTo(peer), "asked again");
        for (int i = 0; i <= Identity.REMEMBERED; i++) {
            byte[] other = new byte[WgKey.LENGTH];
            other[0] = (byte) i;
            other[1] = (byte) (i >> 8);
            identity.linkLocalTo(WgKey.of(other));
        }
        assertEquals(LinkLocalAddress.of(identity.publicKey(), peer), identity.linkLocalTo(peer), "after the memo started over");
    }

    @Test
    void itShowsOnlyThePublicKey() {
        Identity identity = Identity.of(PRIVATE);
        assertEquals("Identity[publicKey=" + X25519.publicKey(PRIVATE).base64() + "]", identity.toString());
    }
}
