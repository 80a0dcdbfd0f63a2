package org.rait.keys;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class X25519Test {
    /** RFC 7748 section 6.1: Alice's and Bob's keys and their shared secret. */
    private static final WgKey ALICE = WgKey.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    private static final WgKey ALICE_PUBLIC = WgKey.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    private static final WgKey BOB = WgKey.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    private static final WgKey BOB_PUBLIC = WgKey.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    private static final WgKey SHARED = WgKey.parseHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

    @Test
    void publicKeysMatchRfc7748() {
        assertEquals(ALICE_PUBLIC, X25519.publicKey(ALICE));
        assertEquals(BOB_PUBLIC, X25519.publicKey(BOB));
    }

    /** The second answer comes from the first (the ladder runs once per key). */
    @Test
    void aPublicKeyAskedForAgainIsTheSame() {
        assertEquals(ALICE_PUBLIC, X25519.publicKey(ALICE));
        assertEquals(ALICE_PUBLIC, X25519.publicKey(ALICE));
    }

    /** A pair read back from WireGuard (which derived it) is not derived again. */
    @Test
    void aKnownPairAnswersForItsPrivateKey() {
        WgKey privateKey = X25519.generatePrivateKey();
        X25519.knownPair(privateKey, BOB_PUBLIC);

        assertEquals(BOB_PUBLIC, X25519.publicKey(privateKey));
    }

    @Test
    void bothSidesComputeTheRfc7748SharedSecret() {
        assertEquals(SHARED, X25519.sharedSecret(ALICE, BOB_PUBLIC));
        assertEquals(SHARED, X25519.sharedSecret(BOB, ALICE_PUBLIC));
    }

    @Test
    void generatedKeysAreClampedLikeWgGenkey() {
        byte[] key = X25519.generatePrivateKey().bytes();

        assertEquals(0, key[0] & 7);
        assertEquals(0x40, key[31] & 0xC0);
    }

    @Test
    void aSmallOrderPublicKeyGivesNoSecret() {
        WgKey zero = WgKey.of(new byte[32]);

        assertThrows(IllegalArgumentException.class, () -> X25519.sharedSecret(ALICE, zero));
    }

    @Test
    void publicKeyOfTheSeedsPrivateKeyMatchesWgPubkey() throws Exception {
        WgKey seed = WgKey.parseBase64("KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI=");
        assertEquals(wgPubkey(seed), X25519.publicKey(seed));
    }

    @Test
    void publicKeysOfGeneratedAndUnclampedKeysMatchWgPubkey() throws Exception {
        for (int i = 0; i < 20; i++) {
            WgKey generated = X25519.generatePrivateKey();
            assertEquals(wgPubkey(generated), X25519.publicKey(generated));
        }
        WgKey unclamped = WgKey.of(HexFormat.of().parseHex("ff".repeat(32)));
        assertEquals(wgPubkey(unclamped), X25519.publicKey(unclamped));
    }

    /** The reference implementation as a second opinion; skipped (with the reason) where wg is absent. */
    private static WgKey wgPubkey(WgKey privateKey) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/wg")),
                "wg (wireguard-tools) is not installed: cannot compare with wg pubkey");
        Process wg = new ProcessBuilder("/usr/bin/wg", "pubkey").start();
        wg.getOutputStream().write((privateKey.base64() + "\n").getBytes(StandardCharsets.US_ASCII));
        wg.getOutputStream().close();
        String out = new String(wg.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals(0, wg.waitFor());
        return WgKey.parseBase64(out);
    }
}
