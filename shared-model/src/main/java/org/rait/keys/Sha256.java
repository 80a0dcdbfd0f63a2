package org.rait.keys;

/**
 * SHA-256 (FIPS 180-4) of a few short inputs, for the addresses derived from keys. The JDK's MessageDigest
 * starts the JCA provider framework (the java.security file, the SUN provider, its service tables): 10-20 ms
 * of CPU, a tenth of a short command (docs/benchmarks.md, start-up). Checked against the JDK's SHA-256.
 */
public final class Sha256 {
    public static final int LENGTH = 32;
    private static final int BLOCK = 64;

    private static final int[] K = {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    };

    /** The schedule of the block that pads a message of exactly one block: 0x80, zeros, the length of 512 bits. */
    private static final int[] PADDING_OF_ONE_BLOCK = paddingOfOneBlock();

    private Sha256() {
    }

    private static int[] paddingOfOneBlock() {
        byte[] padding = new byte[BLOCK];
        padding[0] = (byte) 0x80;
        padding[BLOCK - 2] = (byte) ((BLOCK * 8) >>> 8);
        int[] w = new int[64];
        schedule(w, padding, 0);
        return w;
    }

    /** SHA-256 of the parts one after the other (their concatenation). */
    public static byte[] of(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) length += part.length;
        // The message, a 1 bit, zeros up to 8 bytes before a block's end, the length in bits (big-endian).
        int padded = (length + 8) / BLOCK * BLOCK + BLOCK;
        byte[] message = new byte[padded];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, message, at, part.length);
            at += part.length;
        }
        message[length] = (byte) 0x80;
        long bits = (long) length * 8;
        for (int i = 0; i < 8; i++) message[padded - 1 - i] = (byte) (bits >>> (8 * i));

        int[] state = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
        int[] w = new int[64];
        // Two keys (a link-local address, hashed for every tunnel at every pass) end with a block of padding alone,
        // whose schedule is always the same: made once.
        int blocks = length == BLOCK ? BLOCK : padded;
        for (int block = 0; block < blocks; block += BLOCK) {
            schedule(w, message, block);
            rounds(state, w);
        }
        if (length == BLOCK) rounds(state, PADDING_OF_ONE_BLOCK);
        byte[] digest = new byte[LENGTH];
        for (int i = 0; i < 8; i++) {
            digest[4 * i] = (byte) (state[i] >>> 24);
            digest[4 * i + 1] = (byte) (state[i] >>> 16);
            digest[4 * i + 2] = (byte) (state[i] >>> 8);
            digest[4 * i + 3] = (byte) state[i];
        }
        return digest;
    }

    // The rotations are written out as shifts, not Integer.rotateRight: a short command runs this interpreted,
    // where every call costs (four fifths of planning 200 tunnels went to them); the JIT makes rotates of both.
    private static void schedule(int[] w, byte[] message, int offset) {
        for (int t = 0; t < 16; t++) {
            int i = offset + 4 * t;
            w[t] = (message[i] & 0xff) << 24 | (message[i + 1] & 0xff) << 16 | (message[i + 2] & 0xff) << 8
                    | (message[i + 3] & 0xff);
        }
        for (int t = 16; t < 64; t++) {
            int x = w[t - 15];
            int y = w[t - 2];
            int s0 = (x >>> 7 | x << 25) ^ (x >>> 18 | x << 14) ^ (x >>> 3);
            int s1 = (y >>> 17 | y << 15) ^ (y >>> 19 | y << 13) ^ (y >>> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
    }

    /** The 64 rounds over a block's schedule {@code w}. */
    private static void rounds(int[] state, int[] w) {
        int a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        for (int t = 0; t < 64; t++) {
            int sum1 = (e >>> 6 | e << 26) ^ (e >>> 11 | e << 21) ^ (e >>> 25 | e << 7);
            int choose = (e & f) ^ (~e & g);
            int t1 = h + sum1 + choose + K[t] + w[t];
            int sum0 = (a >>> 2 | a << 30) ^ (a >>> 13 | a << 19) ^ (a >>> 22 | a << 10);
            int majority = (a & b) ^ (a & c) ^ (b & c);
            int t2 = sum0 + majority;
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}
