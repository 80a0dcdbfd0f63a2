package org.rait.netlink;

import java.nio.charset.StandardCharsets;

/**
 * Walks the attributes of one message or nest in place, without copying them: what the parsers of large
 * dumps use (a link dump of 200 interfaces holds about 8,000 attributes, and under emulation every
 * allocation and lookup per attribute shows). {@link #next()} moves to the next attribute; the accessors
 * read the current one. Stops quietly at a truncated tail like the kernel does.
 */
public final class AttributeCursor {
    private final byte[] data;
    private final int to;
    private int next;
    private int type = -1;
    private int value;
    private int length;

    public AttributeCursor(byte[] data, int from, int to) {
        this.data = data;
        this.next = from;
        this.to = to;
    }

    /** Moves to the next attribute; false when there is none left. */
    public boolean next() {
        if (next + 4 > to) return false;
        int total = (data[next] & 0xff) | (data[next + 1] & 0xff) << 8;
        if (total < 4 || next + total > to) {
            next = to;
            return false;
        }
        type = ((data[next + 2] & 0xff) | (data[next + 3] & 0xff) << 8) & Nl.NLA_TYPE_MASK;
        value = next + 4;
        length = total - 4;
        next += (total + 3) & ~3; // Nl.align, written out: a call per attribute shows when interpreted
        return true;
    }

    /** The type with NLA_F_NESTED / byte-order flags removed. */
    public int type() {
        return type;
    }

    public int length() {
        return length;
    }

    public int u8() {
        return length < 1 ? 0 : data[value] & 0xff;
    }

    public int u16() {
        return length < 2 ? 0 : (data[value] & 0xff) | (data[value + 1] & 0xff) << 8;
    }

    public long u32() {
        return length < 4 ? 0 : (u16At(value) | (long) u16At(value + 2) << 16);
    }

    public long u64() {
        return length < 8 ? 0 : (u32At(value) | u32At(value + 4) << 32);
    }

    /** The 64-bit field at {@code offset} within the value (0 when the value is shorter). */
    public long u64At(int offset) {
        return length < offset + 8 ? 0 : (u32At(value + offset) | u32At(value + offset + 4) << 32);
    }

    /** The string up to the first NUL. */
    public String string() {
        int end = value;
        while (end < value + length && data[end] != 0) end++;
        return new String(data, value, end - value, StandardCharsets.UTF_8);
    }

    /** Whether the value is the string {@code text} (up to a NUL), without making a String. */
    public boolean isString(String text) {
        int n = text.length();
        if (length < n || (length > n && data[value + n] != 0)) return false;
        for (int i = 0; i < n; i++) if (data[value + i] != (byte) text.charAt(i)) return false;
        return true;
    }

    /** A copy of the value. */
    public byte[] bytes() {
        byte[] copy = new byte[length];
        System.arraycopy(data, value, copy, 0, length);
        return copy;
    }

    /** Whether every byte of the value is zero (an unset key). */
    public boolean isZero() {
        for (int i = value; i < value + length; i++) if (data[i] != 0) return false;
        return true;
    }

    /** The attributes nested in the current one. */
    public AttributeCursor nested() {
        return new AttributeCursor(data, value, value + length);
    }

    private int u16At(int at) {
        return (data[at] & 0xff) | (data[at + 1] & 0xff) << 8;
    }

    private long u32At(int at) {
        return u16At(at) | (long) u16At(at + 2) << 16;
    }
}
