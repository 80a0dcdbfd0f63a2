package org.rait.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The attributes of one message or nest, in order; repeated types (arrays) are kept. */
public final class Attributes {
    /** One attribute; {@code type} has the NLA_F_NESTED / byte-order flags removed. */
    public record Attribute(int type, byte[] value) {
        public int u8() {
            return value[0] & 0xff;
        }

        public int u16() {
            return buffer().getShort() & 0xffff;
        }

        public long u32() {
            return buffer().getInt() & 0xffffffffL;
        }

        public long u64() {
            return buffer().getLong();
        }

        /** The string up to the first NUL. */
        public String string() {
            int end = 0;
            while (end < value.length && value[end] != 0) end++;
            return new String(value, 0, end, StandardCharsets.UTF_8);
        }

        public Attributes nested() {
            return Attributes.parse(value, 0, value.length);
        }

        public ByteBuffer buffer() {
            return ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private final byte[] data;
    private final int from;
    private final int to;

    private Attributes(byte[] data, int from, int to) {
        this.data = data;
        this.from = from;
        this.to = to;
    }

    /**
     * The attributes in {@code data[from, to)}, read in place when asked for (the array must not change
     * afterwards); stops quietly at a truncated tail like the kernel does.
     */
    public static Attributes parse(byte[] data, int from, int to) {
        return new Attributes(data, from, to);
    }

    /** A cursor over them, for parsers that read many attributes without copying each. */
    public AttributeCursor cursor() {
        return new AttributeCursor(data, from, to);
    }

    public List<Attribute> all() {
        List<Attribute> found = new ArrayList<>();
        AttributeCursor cursor = cursor();
        while (cursor.next()) found.add(new Attribute(cursor.type(), cursor.bytes()));
        return List.copyOf(found);
    }

    public Optional<Attribute> get(int type) {
        AttributeCursor cursor = cursor();
        while (cursor.next()) {
            if (cursor.type() == type) return Optional.of(new Attribute(type, cursor.bytes()));
        }
        return Optional.empty();
    }
}
