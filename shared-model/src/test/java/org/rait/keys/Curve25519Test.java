package org.rait.keys;

import org.junit.jupiter.api.Test;

import javax.crypto.KeyAgreement;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class Curve25519Test {
    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

    /** RFC 7748 section 5.2, the two single scalar multiplications (the second u has its top bit set). */
    @Test
    void scalarMultiplicationMatchesRfc7748Vectors() {
        assertEquals("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552",
                multiply("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
                        "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"));
        assertEquals("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957",
                multiply("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
                        "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493"));
    }

    /** RFC 7748 section 5.2, iterated: k and u start at 9; each result becomes k, the old k becomes u. */
    @Test
    void iteratedScalarMultiplicationMatchesRfc7748AfterOneAndAThousandRounds() {
        byte[] k = new byte[32];
        k[0] = 9;
        byte[] u = k.clone();
        for (int round = 1; round <= 1000; round++) {
            byte[] result = Curve25519.scalarMultiply(k, u);
            u = k;
            k = result;
            if (round == 1) assertEquals("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079", HEX.formatHex(k));
        }
        assertEquals("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51", HEX.formatHex(k));
    }

    /** The JDK's X25519 as a second opinion, on any scalar and any u (top bit set, at or above p). */
    @Test
    void agreesWithTheJdkOnRandomScalarsAndPoints() throws Exception {
        SplittableRandom random = new SplittableRandom(7748);
        for (int i = 0; i < 200; i++) {
            byte[] scalar = bytes(random);
            byte[] u = bytes(random);
            if (i % 10 == 0) Arrays.fill(u, (byte) 0xff); // 2^256 - 1: masked, then 2^255 - 1 >= p
            assertArrayEquals(jdk(scalar, u), Curve25519.scalarMultiply(scalar, u), "scalar " + HEX.formatHex(scalar) + " u " + HEX.formatHex(u));
        }
    }

    @Test
    void uCoordinatesEqualModuloPGiveTheSameResult() {
        byte[] scalar = HEX.parseHex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
        byte[] one = new byte[32];
        one[0] = 1;
        byte[] pPlusOne = littleEndian(P.add(BigInteger.ONE));
        assertArrayEquals(Curve25519.scalarMultiply(scalar, one), Curve25519.scalarMultiply(scalar, pPlusOne));
    }

    private static String multiply(String scalar, String u) {
        return HEX.formatHex(Curve25519.scalarMultiply(HEX.parseHex(scalar), HEX.parseHex(u)));
    }

    private static byte[] bytes(SplittableRandom random) {
        byte[] b = new byte[32];
        for (int i = 0; i < b.length; i++) b[i] = (byte) random.nextInt(256);
        return b;
    }

    private static byte[] littleEndian(BigInteger value) {
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) out[i] = value.shiftRight(8 * i).byteValue();
        return out;
    }

    private static byte[] jdk(byte[] scalar, byte[] u) throws Exception {
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) bigEndian[i] = u[31 - i];
        bigEndian[0] &= 127;
        BigInteger coordinate = new BigInteger(1, bigEndian).mod(P);
        KeyFactory factory = KeyFactory.getInstance("XDH");
        PrivateKey ours = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
        PublicKey theirs = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, coordinate));
        KeyAgreement agreement = KeyAgreement.getInstance("XDH");
        agreement.init(ours);
        agreement.doPhase(theirs, true);
        return agreement.generateSecret();
    }
}
