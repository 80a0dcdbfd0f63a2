package org.rait.netlink;

import java.io.ByteArrayOutputStream;

/** Appends fields in host byte order (little-endian on the machines rait runs on), as netlink wants them. */
public final class ByteWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public ByteWriter u8(int value) {
        out.write(value);
        return this;
    }

    public ByteWriter u16(int value) {
        out.write(value);
        out.write(value >>> 8);
        return this;
    }

    /** Network byte order, for ports inside sockaddr structures. */
    public ByteWriter u16BigEndian(int value) {
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    public ByteWriter u32(long value) {
        for (int shift = 0; shift < 32; shift += 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    public ByteWriter u64(long value) {
        for (int shift = 0; shift < 64; shift += 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    public ByteWriter bytes(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    public ByteWriter zeros(int count) {
        out.writeBytes(new byte[count]);
        return this;
    }

    /** Pads with zeros to the next multiple of four, netlink's alignment. */
    public ByteWriter align() {
        return zeros(Nl.align(out.size()) - out.size());
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
