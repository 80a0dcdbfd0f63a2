package org.rait.keys;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A WireGuard key: exactly 32 bytes, written as standard base64 (44 characters) like `wg`.
 * The same type holds private and public keys; which one a value is follows from where it sits.
 */
public final class WgKey implements Comparable<WgKey> {
    public static final int LENGTH = 32;
    private final byte[] bytes;

    private WgKey(byte[] bytes) {
        this.bytes = bytes;
    }

    public static WgKey of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a WireGuard key is 32 bytes, got " + bytes.length);
        }
        return new WgKey(bytes.clone());
    }

    /** Parses base64; the message says what is wrong without echoing the (possibly secret) value. */
    public static WgKey parseBase64(String text) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not valid base64");
        }
        if (decoded.length != LENGTH) {
            throw new IllegalArgumentException("decodes to " + decoded.length + " bytes, a WireGuard key is 32");
        }
        return new WgKey(decoded);
    }

    public static WgKey parseHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    public boolean isZero() {
        for (byte b : bytes) {
            if (b != 0) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WgKey k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(WgKey o) {
        return base64().compareTo(o.base64());
    }

    /** The base64 text. Callers holding a private key must not log it. */
    @Override
    public String toString() {
        return base64();
    }
}
