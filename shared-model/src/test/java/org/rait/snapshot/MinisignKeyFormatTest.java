package org.rait.snapshot;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MinisignKeyFormatTest {
    /** Made by `minisign -G -W` (minisign 0.11). */
    private static final String MINISIGN_PUB = "untrusted comment: minisign public key 1C2B4493393B1936\n"
            + "RWQ2GTs5k0QrHNuWsqpI2wJFDapWu9ybpzJKR0hBQCuji6wgdn+EJk+q\n";

    @Test
    void theKeyIdIsShownAsMinisignShowsIt() {
        MinisignPublicKey key = MinisignPublicKey.parseFile(MINISIGN_PUB);

        assertEquals("1C2B4493393B1936", key.keyId().hex());
        assertEquals(MINISIGN_PUB, key.renderFile());
        assertEquals(key.keyId(), KeyId.parseHex("1C2B4493393B1936"));
    }

    @Test
    void aKeyIdWithLeadingZerosIsShownWithoutThemLikeMinisign() {
        KeyId id = KeyId.of(new byte[]{0x57, 0x75, 0x61, 0x5f, (byte) 0xd9, 0x55, 0x27, 0x06});

        assertEquals("62755D95F617557", id.hex());
        assertEquals(id, KeyId.parseHex("62755D95F617557"));
    }

    @Test
    void publicKeyLineRoundTrips() {
        MinisignPublicKey key = MinisignSecretKey.generate(new SecureRandom()).publicKey();

        assertEquals(key, MinisignPublicKey.parse(key.render()));
        assertTrue(key.render().startsWith("RW"));
    }

    @Test
    void secretKeyFileRoundTripsToTheSamePublicKey() {
        MinisignSecretKey key = MinisignSecretKey.generate(new SecureRandom());

        MinisignSecretKey reread = MinisignSecretKey.parseFile(key.renderFile());

        assertEquals(key.publicKey(), reread.publicKey());
        assertEquals(key.keyId(), reread.keyId());
    }

    @Test
    void secretKeyNeverShowsInToString() {
        MinisignSecretKey key = MinisignSecretKey.generate(new SecureRandom());

        assertEquals("MinisignSecretKey[keyId=" + key.keyId() + "]", key.toString());
    }

    @Test
    void aPublicKeyOfTheWrongLengthIsRefusedWithItsLength() {
        MinisignFormatException e = assertThrows(MinisignFormatException.class, () -> MinisignPublicKey.parse("RWQ2GTs5"));

        assertEquals("minisign public key decodes to 6 bytes, expected 42", e.getMessage());
    }

    @Test
    void aPasswordProtectedSecretKeyIsRefusedWithAHint() {
        String file = MinisignSecretKey.generate(new SecureRandom()).renderFile();
        String[] lines = file.split("\n");
        byte[] raw = java.util.Base64.getDecoder().decode(lines[1]);
        raw[2] = 'S';
        raw[3] = 'c';
        String encrypted = lines[0] + "\n" + java.util.Base64.getEncoder().encodeToString(raw) + "\n";

        MinisignFormatException e = assertThrows(MinisignFormatException.class, () -> MinisignSecretKey.parseFile(encrypted));
        assertTrue(e.getMessage().contains("minisign -G -W"), e.getMessage());
    }
}
