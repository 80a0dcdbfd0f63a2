package org.rait.wireguard;

import org.junit.jupiter.api.Test;
import org.rait.keys.WgKey;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Curve25519Test {
    @Test
    void publicKeyMatchesWhatWgPubkeyPrints() {
        // `echo KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI= | wg pubkey`
        assertEquals(WgKey.parseBase64(WG_PUBKEY), Curve25519.publicKey(WgKey.parseBase64("KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI=")));
    }

    private static final String WG_PUBKEY = "5q1HDxrH29mQGy/CIhHtNEOn+6LRxh9HeJzQQeFTEVc=";
}
