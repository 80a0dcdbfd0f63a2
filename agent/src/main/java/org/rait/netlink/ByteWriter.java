package org.rait.netlink;

import java.util.Arrays;

/**
 * Appends fields in host byte order (little-endian on the machines rait runs on), as netlink wants them.
 * A plain growing array: every request and attribute is built here, a configuration of 200 tunnels is
 * thousands of small writes, and a ByteArrayOutputStream takes a lock for each byte.
 */
public final class ByteWriter {
    private byte[] bytes = new byte[64];
    private int size;

    private void room(int more) {
        if (size + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }

    public ByteWriter u8(int value) {
        room(1);
        bytes[size++] = (byte) value;
        return this;
    }

    public ByteWriter u16(int value) {
        room(2);
        bytes[size++] = (byte) value;
        bytes[size++] = (byte) (value >>> 8);
        return this;
    }

    /** Network byte order, for ports inside sockaddr structures. */
    public ByteWriter u16BigEndian(int value) {
        room(2);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
        return this;
    }

    public ByteWriter u32(long value) {
        room(4);
        for (int shift = 0; shift < 32; shift += 8) bytes[size++] = (byte) (value >>> shift);
        return this;
    }

    public ByteWriter u64(long value) {
        room(8);
        for (int shift = 0; shift < 64; shift += 8) bytes[size++] = (byte) (value >>> shift);
        return this;
    }

    public ByteWriter bytes(byte[] value) {
        room(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
        return this;
    }

    public ByteWriter zeros(int count) {
        room(count);
        size += count; // the array is zero beyond size: it only grows
        return this;
    }

    /** Pads with zeros to the next multiple of four, netlink's alignment. */
    public ByteWriter align() {
        return zeros(Nl.align(size) - size);
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}
