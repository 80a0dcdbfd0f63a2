package org.rait.keys;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class Sha256Test {
    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    @Test
    void digestsFips180ExamplesAndTheEmptyInput() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hex(Sha256.of()));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                hex(Sha256.of("abc".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                hex(Sha256.of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void equalsTheJdksSha256ForEveryLengthAcrossThreeBlocksAndRandomSplits() throws Exception {
        Random random = new Random(7);
        for (int length = 0; length <= 200; length++) {
            for (int round = 0; round < 20; round++) {
                byte[] input = new byte[length];
                random.nextBytes(input);
                int split = length == 0 ? 0 : random.nextInt(length + 1);
                byte[] first = Arrays.copyOfRange(input, 0, split);
                byte[] second = Arrays.copyOfRange(input, split, length);

                assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(input), Sha256.of(first, second),
                        "length " + length + " split at " + split);
            }
        }
    }

    @Test
    void equalsTheJdksSha256OnManyKeyPairsInOneJvm() throws Exception {
        // As LinkLocalAddress uses it: own key then peer key; many calls, so the JIT compiles the loops mid-run.
        Random random = new Random(11);
        byte[] own = new byte[WgKey.LENGTH];
        byte[] peer = new byte[WgKey.LENGTH];
        for (int i = 0; i < 100_000; i++) {
            random.nextBytes(own);
            random.nextBytes(peer);
            MessageDigest jdk = MessageDigest.getInstance("SHA-256");
            jdk.update(own);
            jdk.update(peer);

            assertArrayEquals(jdk.digest(), Sha256.of(own, peer), "pair " + i);
        }
    }
}
