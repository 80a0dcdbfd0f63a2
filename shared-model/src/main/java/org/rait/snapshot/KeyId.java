package org.rait.snapshot;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 8-byte key number that minisign stores next to every public key and signature; it tells a
 * verifier which of its trusted keys a signature claims to come from. Shown the way minisign shows
 * it: the bytes read as a little-endian number, in upper-case hex without leading zeros
 * (minisign 0.11 prints "%" PRIX64, so a key id may show fewer than 16 digits).
 */
public final class KeyId {
    public static final int LENGTH = 8;
    private final byte[] bytes;

    private KeyId(byte[] bytes) {
        this.bytes = bytes;
    }

    public static KeyId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a minisign key id is 8 bytes, got " + bytes.length);
        }
        return new KeyId(bytes.clone());
    }

    /** Parses the hex minisign prints (e.g. in "minisign public key 1C2B4493393B1936"), up to 16 digits. */
    public static KeyId parseHex(String hex) {
        String digits = hex.strip();
        if (digits.isEmpty() || digits.length() > 2 * LENGTH) {
            throw new IllegalArgumentException("a minisign key id is 1 to 16 hex digits, got '" + hex + "'");
        }
        byte[] bigEndian;
        try {
            bigEndian = HexFormat.of().parseHex("0".repeat(2 * LENGTH - digits.length()) + digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a minisign key id is 1 to 16 hex digits, got '" + hex + "'");
        }
        return of(reversed(bigEndian));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        String padded = HexFormat.of().withUpperCase().formatHex(reversed(bytes));
        String digits = padded.replaceFirst("^0+", "");
        return digits.isEmpty() ? "0" : digits;
    }

    private static byte[] reversed(byte[] in) {
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[in.length - 1 - i];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyId k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
