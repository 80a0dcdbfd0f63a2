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

    /** RFC 7748 section 6.1: Alice's and Bob's public keys, from the fixed-base comb. */
    @Test
    void publicKeysFromTheCombMatchRfc7748() {
        assertEquals("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
                HEX.formatHex(Curve25519.publicKey(HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"))));
        assertEquals("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
                HEX.formatHex(Curve25519.publicKey(HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"))));
    }

    /**
     * The comb and the ladder towards u = 9 agree on any scalar, also on those whose radix-16 digits sit at the ends of
     * their range (every nibble 8 or 7, carries through every digit, the clamped minimum and maximum).
     */
    @Test
    void theCombAgreesWithTheLadderOnEveryKindOfScalar() {
        byte[] nine = new byte[32];
        nine[0] = 9;
        SplittableRandom random = new SplittableRandom(25519);
        java.util.List<byte[]> scalars = new java.util.ArrayList<>();
        for (int b : new int[] {0x00, 0xff, 0x88, 0x77, 0x80, 0x08, 0xf8, 0x8f}) {
            byte[] s = new byte[32];
            Arrays.fill(s, (byte) b);
            scalars.add(s);
        }
        for (int i = 0; i < 500; i++) scalars.add(bytes(random));
        for (byte[] scalar : scalars) {
            assertArrayEquals(Curve25519.scalarMultiply(scalar, nine), Curve25519.publicKey(scalar), "scalar " + HEX.formatHex(scalar));
        }
    }

    /** Every entry of the comb's table is the multiple of the Ed25519 base point it stands for, recomputed here. */
    @Test
    void theTableHoldsTheMultiplesOfTheBasePoint() {
        BigInteger d = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
        BigInteger y = BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P)).mod(P);
        BigInteger xx = y.pow(2).subtract(BigInteger.ONE).multiply(d.multiply(y.pow(2)).add(BigInteger.ONE).modInverse(P)).mod(P);
        BigInteger x = xx.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
        if (!x.pow(2).subtract(xx).mod(P).equals(BigInteger.ZERO)) {
            x = x.multiply(BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P)).mod(P);
        }
        if (x.testBit(0)) x = P.subtract(x);
        BigInteger[] row = {x, y};
        assertEquals(BigInteger.valueOf(9), BigInteger.ONE.add(y).multiply(BigInteger.ONE.subtract(y).modInverse(P)).mod(P));
        for (int pos = 0; pos < 32; pos++) {
            BigInteger[] multiple = row;
            for (int j = 0; j < 8; j++) {
                int at = (8 * pos + j) * BaseMultiples.ENTRY;
                BigInteger mx = multiple[0], my = multiple[1];
                assertEquals(my.add(mx).mod(P), limbs(at), "y + x of entry " + pos + "/" + j);
                assertEquals(my.subtract(mx).mod(P), limbs(at + 10), "y - x of entry " + pos + "/" + j);
                assertEquals(BigInteger.TWO.multiply(d).multiply(mx).multiply(my).mod(P), limbs(at + 20), "2dxy of entry " + pos + "/" + j);
                multiple = edwardsSum(multiple, row, d);
            }
            for (int i = 0; i < 8; i++) row = edwardsSum(row, row, d);
        }
        assertEquals(32 * 8 * BaseMultiples.ENTRY, BaseMultiples.TABLE.length);
    }

    private static BigInteger limbs(int at) {
        BigInteger value = BigInteger.ZERO;
        for (int i = 0; i < 10; i++) value = value.add(BigInteger.valueOf(BaseMultiples.TABLE[at + i]).shiftLeft((51 * i + 1) / 2));
        return value;
    }

    /** The twisted Edwards sum on -x^2 + y^2 = 1 + d x^2 y^2, affine. */
    private static BigInteger[] edwardsSum(BigInteger[] a, BigInteger[] b, BigInteger d) {
        BigInteger t = d.multiply(a[0]).multiply(b[0]).multiply(a[1]).multiply(b[1]).mod(P);
        BigInteger x = a[0].multiply(b[1]).add(a[1].multiply(b[0])).multiply(BigInteger.ONE.add(t).modInverse(P)).mod(P);
        BigInteger y = a[1].multiply(b[1]).add(a[0].multiply(b[0])).multiply(BigInteger.ONE.subtract(t).modInverse(P)).mod(P);
        return new BigInteger[] {x, y};
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
