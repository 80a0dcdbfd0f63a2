package org.rait.keys;

import java.util.Arrays;

/**
 * X25519 scalar multiplication (RFC 7748 section 5) on the Montgomery curve Curve25519, written out
 * here because the JDK's provider costs a short command about 45 ms of start-up (it loads the JCA
 * provider framework) for the one public key `rait up` derives.
 *
 * <p>A field element mod p = 2^255 - 19 is ten signed 64-bit limbs in radix 2^25.5: limb i holds bits
 * from ceil(25.5 i), 26 bits wide when i is even, 25 when odd. Every operation ends with {@link #carried},
 * which leaves each limb below 2^26 + 2^16 in magnitude, so a product of two limbs times the reduction
 * factors (up to 76) summed over the ten terms of a limb stays below 2^61. Nothing branches on or indexes by a secret: the ladder swaps with masks and runs all 255
 * steps for every scalar; the exponent of the inversion is the public p - 2.
 */
final class Curve25519 {
    static final int LENGTH = 32;
    private static final int LIMBS = 10;
    /** (486662 - 2) / 4, the ladder's constant for this curve. */
    private static final long A24 = 121665;

    private Curve25519() {
    }

    /**
     * The u-coordinate of scalar * (point with u-coordinate u), both 32 bytes little-endian. The scalar
     * is clamped first (decodeScalar25519); the top bit of u is ignored and a u of p or more is taken mod p.
     */
    static byte[] scalarMultiply(byte[] scalar, byte[] u) {
        byte[] k = clamp(scalar);
        long[] x1 = decode(u);
        long[] x2 = one();
        long[] z2 = new long[LIMBS];
        long[] x3 = x1.clone();
        long[] z3 = one();
        int swap = 0;
        for (int t = 254; t >= 0; t--) {
            int bit = (k[t >>> 3] >>> (t & 7)) & 1;
            swap ^= bit;
            conditionalSwap(swap, x2, x3);
            conditionalSwap(swap, z2, z3);
            swap = bit;
            long[] a = add(x2, z2);
            long[] aa = square(a);
            long[] b = subtract(x2, z2);
            long[] bb = square(b);
            long[] e = subtract(aa, bb);
            long[] c = add(x3, z3);
            long[] d = subtract(x3, z3);
            long[] da = multiply(d, a);
            long[] cb = multiply(c, b);
            long[] sum = add(da, cb);
            long[] difference = subtract(da, cb);
            x3 = square(sum);
            z3 = multiply(x1, square(difference));
            x2 = multiply(aa, bb);
            z2 = multiply(e, add(aa, multiplySmall(e, A24)));
        }
        conditionalSwap(swap, x2, x3);
        conditionalSwap(swap, z2, z3);
        return encode(multiply(x2, invert(z2)));
    }

    /**
     * The u-coordinate of scalar * 9 (the public key of a private key): {@code scalarMultiply(scalar, 9)}, computed on
     * the curve's Edwards form (Ed25519, whose base point B maps to u = 9 by u = (1 + y) / (1 - y)) from the
     * precomputed multiples of B in {@link BaseMultiples}: the clamped scalar in 64 signed radix-16 digits, the odd
     * ones added, four doublings, the even ones added (ref10's ge_scalarmult_base). 64 mixed additions of 7 products
     * and 4 doublings instead of the ladder's 255 steps of 9: a third of the field operations with the inversion (the
     * ladder and C1 compiling it cost a one-shot ~24 M instructions; docs/benchmarks.md, "From the first namespace to
     * exit"). Constant-time like the ladder: every digit reads all eight entries of its row through masks.
     */
    static byte[] publicKey(byte[] scalar) {
        byte[] k = clamp(scalar);
        int[] digits = new int[64];
        for (int i = 0; i < 32; i++) {
            digits[2 * i] = k[i] & 15;
            digits[2 * i + 1] = (k[i] >>> 4) & 15;
        }
        int carry = 0;
        for (int i = 0; i < 63; i++) {
            digits[i] += carry;
            carry = (digits[i] + 8) >> 4;
            digits[i] -= carry << 4; // now in [-8, 8)
        }
        digits[63] += carry; // at most 8: the clamped top byte is below 128
        long[][] h = {new long[LIMBS], one(), one(), new long[LIMBS]};
        for (int i = 1; i < 64; i += 2) h = addMultiple(h, i / 2, digits[i]);
        long[][] twice = doubled(h[0], h[1], h[2]);
        twice = doubled(twice[0], twice[1], twice[2]);
        twice = doubled(twice[0], twice[1], twice[2]);
        long[][] p = doubledOnce(twice[0], twice[1], twice[2]);
        h = extended(p[0], p[1], p[2], p[3]);
        for (int i = 0; i < 64; i += 2) h = addMultiple(h, i / 2, digits[i]);
        return encode(multiply(add(h[2], h[1]), invert(subtract(h[2], h[1]))));
    }

    /**
     * h + digit 256^row B, h and the result in extended coordinates (X, Y, Z, T: x = X/Z, y = Y/Z, T = XY/Z), the
     * multiple read from the table without a branch or an index that depends on the digit (in [-8, 8]).
     */
    private static long[][] addMultiple(long[][] h, int row, int digit) {
        int negative = (digit >>> 31);
        int magnitude = digit - ((-negative & digit) << 1);
        long[] q = new long[BaseMultiples.ENTRY];
        q[0] = 1; // the neutral point: y + x = 1, y - x = 1, 2dxy = 0
        q[LIMBS] = 1;
        for (int j = 0; j < 8; j++) {
            int differs = magnitude ^ (j + 1);
            conditionalMove(q, BaseMultiples.TABLE, (8 * row + j) * BaseMultiples.ENTRY, -(long) ((differs - 1) >>> 31));
        }
        long[] minusQ = new long[BaseMultiples.ENTRY]; // -(x, y) = (-x, y): the two sums swapped, the product negated
        for (int i = 0; i < LIMBS; i++) {
            minusQ[i] = q[LIMBS + i];
            minusQ[LIMBS + i] = q[i];
            minusQ[2 * LIMBS + i] = -q[2 * LIMBS + i];
        }
        long mask = -(long) negative;
        for (int i = 0; i < BaseMultiples.ENTRY; i++) q[i] ^= mask & (q[i] ^ minusQ[i]);
        long[] x = h[0], y = h[1], z = h[2], t = h[3];
        long[] a = multiply(add(y, x), Arrays.copyOfRange(q, 0, LIMBS));
        long[] b = multiply(subtract(y, x), Arrays.copyOfRange(q, LIMBS, 2 * LIMBS));
        long[] c = multiply(t, Arrays.copyOfRange(q, 2 * LIMBS, 3 * LIMBS));
        long[] zz = add(z, z);
        return extended(subtract(a, b), add(a, b), add(zz, c), subtract(zz, c));
    }

    /** Moves the table's entry at {@code from} into q when mask is all ones, leaves q when it is 0. */
    private static void conditionalMove(long[] q, int[] table, int from, long mask) {
        for (int i = 0; i < BaseMultiples.ENTRY; i++) q[i] ^= mask & (q[i] ^ table[from + i]);
    }

    /** Twice (X : Y : Z), as the intermediate (X : Y : Z : T) with x = X/Z, y = Y/T (ref10's ge_p2_dbl). */
    private static long[][] doubledOnce(long[] x, long[] y, long[] z) {
        long[] xx = square(x);
        long[] yy = square(y);
        long[] zz2 = multiplySmall(square(z), 2);
        long[] sum = square(add(x, y));
        long[] y2 = add(yy, xx);
        long[] z2 = subtract(yy, xx);
        return new long[][] {subtract(sum, y2), y2, z2, subtract(zz2, z2)};
    }

    /** Twice (X : Y : Z), projective. */
    private static long[][] doubled(long[] x, long[] y, long[] z) {
        long[][] p = doubledOnce(x, y, z);
        return new long[][] {multiply(p[0], p[3]), multiply(p[1], p[2]), multiply(p[2], p[3])};
    }

    /** The intermediate (X : Y : Z : T), x = X/Z and y = Y/T, in extended coordinates. */
    private static long[][] extended(long[] x, long[] y, long[] z, long[] t) {
        return new long[][] {multiply(x, t), multiply(y, z), multiply(z, t), multiply(x, y)};
    }

    /** RFC 7748 decodeScalar25519: what WireGuard does to every private key before use. */
    static byte[] clamp(byte[] scalar) {
        byte[] out = scalar.clone();
        out[0] &= (byte) 248;
        out[31] &= 127;
        out[31] |= 64;
        return out;
    }

    /** Width in bits of limb i. */
    private static int width(int i) {
        return (i & 1) == 0 ? 26 : 25;
    }

    /** Bit position of limb i's lowest bit: ceil(25.5 i). */
    private static int offset(int i) {
        return (51 * i + 1) / 2;
    }

    private static long[] one() {
        long[] f = new long[LIMBS];
        f[0] = 1;
        return f;
    }

    /** RFC 7748 decodeUCoordinate: little-endian, the top bit masked; the 255 bits split into the limbs. */
    private static long[] decode(byte[] littleEndian) {
        long[] f = new long[LIMBS];
        for (int i = 0; i < LIMBS; i++) {
            int from = offset(i);
            int width = width(i);
            long bits = 0;
            for (int j = 0; j < width; j++) {
                int at = from + j;
                if (at < 255) bits |= (long) ((littleEndian[at >>> 3] >>> (at & 7)) & 1) << j;
            }
            f[i] = bits;
        }
        return f;
    }

    /** The canonical 32 little-endian bytes of f mod p. */
    private static byte[] encode(long[] f) {
        long[] h = carried(f);
        // h is now in (-2^42, 2^255 + 2^42); plus p it is in (0, 2p + 2^43): twice "minus p if at least p".
        for (int i = 0; i < LIMBS; i++) h[i] += (1L << width(i)) - 1;
        h[0] -= 18;
        subtractPIfAtLeastP(h);
        subtractPIfAtLeastP(h);
        byte[] out = new byte[LENGTH];
        for (int i = 0; i < LIMBS; i++) {
            int from = offset(i);
            for (int j = 0; j < width(i); j++) {
                int at = from + j;
                out[at >>> 3] |= (byte) (((h[i] >>> j) & 1) << (at & 7));
            }
        }
        return out;
    }

    /**
     * h - q p with q = floor((h + 19) / 2^255), that is h + 19 q with the multiples of 2^255 dropped; the
     * same carries either way. Leaves every limb in [0, 2^width).
     */
    private static void subtractPIfAtLeastP(long[] h) {
        long q = 19;
        for (int i = 0; i < LIMBS; i++) q = (h[i] + q) >> width(i);
        h[0] += 19 * q;
        for (int i = 0; i < LIMBS - 1; i++) {
            long c = h[i] >> width(i);
            h[i] -= c << width(i);
            h[i + 1] += c;
        }
        h[LIMBS - 1] &= (1L << width(LIMBS - 1)) - 1;
    }

    /**
     * One round of carries, each limb's excess moved up and the excess of bit 255 brought back as 19 times
     * it (2^255 = 19 mod p), then limb 0's once more. After it limbs 0 and 2..9 are in [0, 2^width) and
     * limb 1 within 2^16 of its range, whatever the input below 2^62 in magnitude. Written out on locals,
     * like the products: the interpreter runs most of a short command's one ladder.
     */
    private static long[] carried(long h0, long h1, long h2, long h3, long h4, long h5, long h6, long h7, long h8, long h9) {
        long c;
        c = h0 >> 26;
        h0 -= c << 26;
        h1 += c;
        c = h1 >> 25;
        h1 -= c << 25;
        h2 += c;
        c = h2 >> 26;
        h2 -= c << 26;
        h3 += c;
        c = h3 >> 25;
        h3 -= c << 25;
        h4 += c;
        c = h4 >> 26;
        h4 -= c << 26;
        h5 += c;
        c = h5 >> 25;
        h5 -= c << 25;
        h6 += c;
        c = h6 >> 26;
        h6 -= c << 26;
        h7 += c;
        c = h7 >> 25;
        h7 -= c << 25;
        h8 += c;
        c = h8 >> 26;
        h8 -= c << 26;
        h9 += c;
        c = h9 >> 25;
        h9 -= c << 25;
        h0 += 19 * c;
        c = h0 >> 26;
        h0 -= c << 26;
        h1 += c;
        return new long[] {h0, h1, h2, h3, h4, h5, h6, h7, h8, h9};
    }

    private static long[] carried(long[] h) {
        return carried(h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9]);
    }

    private static long[] add(long[] f, long[] g) {
        return carried(f[0] + g[0], f[1] + g[1], f[2] + g[2], f[3] + g[3], f[4] + g[4],
                f[5] + g[5], f[6] + g[6], f[7] + g[7], f[8] + g[8], f[9] + g[9]);
    }

    private static long[] subtract(long[] f, long[] g) {
        return carried(f[0] - g[0], f[1] - g[1], f[2] - g[2], f[3] - g[3], f[4] - g[4],
                f[5] - g[5], f[6] - g[6], f[7] - g[7], f[8] - g[8], f[9] - g[9]);
    }

    private static long[] multiplySmall(long[] f, long small) {
        return carried(f[0] * small, f[1] * small, f[2] * small, f[3] * small, f[4] * small,
                f[5] * small, f[6] * small, f[7] * small, f[8] * small, f[9] * small);
    }

    /**
     * Schoolbook product, written out (the interpreter runs most of a short command's one ladder). Limbs
     * i and j meet at bit offset(i) + offset(j), which is offset(i + j) plus one when both are odd (25.5 i
     * rounded up twice): a factor 2; a term past limb 9 wraps to limb i + j - 10 times 19 (2^255 = 19 mod p).
     * Both factors are taken once per operand (2 f for odd limbs of f, 19 g for g's), not once per term.
     */
    private static long[] multiply(long[] f, long[] g) {
        long f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4], f5 = f[5], f6 = f[6], f7 = f[7], f8 = f[8], f9 = f[9];
        long g0 = g[0], g1 = g[1], g2 = g[2], g3 = g[3], g4 = g[4], g5 = g[5], g6 = g[6], g7 = g[7], g8 = g[8], g9 = g[9];
        long f1x2 = 2 * f1, f3x2 = 2 * f3, f5x2 = 2 * f5, f7x2 = 2 * f7, f9x2 = 2 * f9;
        long g1x19 = 19 * g1, g2x19 = 19 * g2, g3x19 = 19 * g3, g4x19 = 19 * g4, g5x19 = 19 * g5, g6x19 = 19 * g6,
                g7x19 = 19 * g7, g8x19 = 19 * g8, g9x19 = 19 * g9;
        long h0 = f0 * g0 + f1x2 * g9x19 + f2 * g8x19 + f3x2 * g7x19 + f4 * g6x19 + f5x2 * g5x19 + f6 * g4x19 + f7x2 * g3x19 + f8 * g2x19 + f9x2 * g1x19;
        long h1 = f0 * g1 + f1 * g0 + f2 * g9x19 + f3 * g8x19 + f4 * g7x19 + f5 * g6x19 + f6 * g5x19 + f7 * g4x19 + f8 * g3x19 + f9 * g2x19;
        long h2 = f0 * g2 + f1x2 * g1 + f2 * g0 + f3x2 * g9x19 + f4 * g8x19 + f5x2 * g7x19 + f6 * g6x19 + f7x2 * g5x19 + f8 * g4x19 + f9x2 * g3x19;
        long h3 = f0 * g3 + f1 * g2 + f2 * g1 + f3 * g0 + f4 * g9x19 + f5 * g8x19 + f6 * g7x19 + f7 * g6x19 + f8 * g5x19 + f9 * g4x19;
        long h4 = f0 * g4 + f1x2 * g3 + f2 * g2 + f3x2 * g1 + f4 * g0 + f5x2 * g9x19 + f6 * g8x19 + f7x2 * g7x19 + f8 * g6x19 + f9x2 * g5x19;
        long h5 = f0 * g5 + f1 * g4 + f2 * g3 + f3 * g2 + f4 * g1 + f5 * g0 + f6 * g9x19 + f7 * g8x19 + f8 * g7x19 + f9 * g6x19;
        long h6 = f0 * g6 + f1x2 * g5 + f2 * g4 + f3x2 * g3 + f4 * g2 + f5x2 * g1 + f6 * g0 + f7x2 * g9x19 + f8 * g8x19 + f9x2 * g7x19;
        long h7 = f0 * g7 + f1 * g6 + f2 * g5 + f3 * g4 + f4 * g3 + f5 * g2 + f6 * g1 + f7 * g0 + f8 * g9x19 + f9 * g8x19;
        long h8 = f0 * g8 + f1x2 * g7 + f2 * g6 + f3x2 * g5 + f4 * g4 + f5x2 * g3 + f6 * g2 + f7x2 * g1 + f8 * g0 + f9x2 * g9x19;
        long h9 = f0 * g9 + f1 * g8 + f2 * g7 + f3 * g6 + f4 * g5 + f5 * g4 + f6 * g3 + f7 * g2 + f8 * g1 + f9 * g0;
        return carried(h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
    }

    /** {@link #multiply}(f, f) with each product of two different limbs counted once, doubled. */
    private static long[] square(long[] f) {
        long f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4], f5 = f[5], f6 = f[6], f7 = f[7], f8 = f[8], f9 = f[9];
        long h0 = f0 * f0 + f1 * f9 * 76 + f2 * f8 * 38 + f3 * f7 * 76 + f4 * f6 * 38 + f5 * f5 * 38;
        long h1 = f0 * f1 * 2 + f2 * f9 * 38 + f3 * f8 * 38 + f4 * f7 * 38 + f5 * f6 * 38;
        long h2 = f0 * f2 * 2 + f1 * f1 * 2 + f3 * f9 * 76 + f4 * f8 * 38 + f5 * f7 * 76 + f6 * f6 * 19;
        long h3 = f0 * f3 * 2 + f1 * f2 * 2 + f4 * f9 * 38 + f5 * f8 * 38 + f6 * f7 * 38;
        long h4 = f0 * f4 * 2 + f1 * f3 * 4 + f2 * f2 + f5 * f9 * 76 + f6 * f8 * 38 + f7 * f7 * 38;
        long h5 = f0 * f5 * 2 + f1 * f4 * 2 + f2 * f3 * 2 + f6 * f9 * 38 + f7 * f8 * 38;
        long h6 = f0 * f6 * 2 + f1 * f5 * 4 + f2 * f4 * 2 + f3 * f3 * 2 + f7 * f9 * 76 + f8 * f8 * 19;
        long h7 = f0 * f7 * 2 + f1 * f6 * 2 + f2 * f5 * 2 + f3 * f4 * 2 + f8 * f9 * 38;
        long h8 = f0 * f8 * 2 + f1 * f7 * 4 + f2 * f6 * 2 + f3 * f5 * 4 + f4 * f4 + f9 * f9 * 38;
        long h9 = f0 * f9 * 2 + f1 * f8 * 2 + f2 * f7 * 2 + f3 * f6 * 2 + f4 * f5 * 2;
        return carried(h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
    }

    /** f squared n times. */
    private static long[] squareTimes(long[] f, int n) {
        long[] h = f;
        for (int i = 0; i < n; i++) h = square(h);
        return h;
    }

    /**
     * z^(p - 2) = 1/z (Fermat), p - 2 = 2^255 - 21 = (2^250 - 1) 2^5 + 11, through z^(2^k - 1) for growing k:
     * 254 squarings and 11 products. The exponent is public, the same for every z.
     */
    private static long[] invert(long[] z) {
        long[] z2 = square(z);
        long[] z9 = multiply(squareTimes(z2, 2), z);
        long[] z11 = multiply(z9, z2);
        long[] e5 = multiply(square(z11), z9); // z^(2^5 - 1) = z^31 = z^22 z^9
        long[] e10 = multiply(squareTimes(e5, 5), e5);
        long[] e20 = multiply(squareTimes(e10, 10), e10);
        long[] e40 = multiply(squareTimes(e20, 20), e20);
        long[] e50 = multiply(squareTimes(e40, 10), e10);
        long[] e100 = multiply(squareTimes(e50, 50), e50);
        long[] e200 = multiply(squareTimes(e100, 100), e100);
        long[] e250 = multiply(squareTimes(e200, 50), e50);
        return multiply(squareTimes(e250, 5), z11);
    }

    /** Swaps f and g when swap is 1, leaves them when 0, the same instructions either way. */
    private static void conditionalSwap(int swap, long[] f, long[] g) {
        long mask = -swap;
        for (int i = 0; i < LIMBS; i++) {
            long x = mask & (f[i] ^ g[i]);
            f[i] ^= x;
            g[i] ^= x;
        }
    }
}
