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

    private static final Attributes NONE = new Attributes(List.of());

    private final List<Attribute> all;

    private Attributes(List<Attribute> all) {
        this.all = List.copyOf(all);
    }

    /** Parses the attributes in {@code data[from, to)}; stops quietly at a truncated tail like the kernel does. */
    public static Attributes parse(byte[] data, int from, int to) {
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        List<Attribute> found = new ArrayList<>();
        int pos = from;
        while (pos + 4 <= to) {
            int length = buf.getShort(pos) & 0xffff;
            int type = buf.getShort(pos + 2) & Nl.NLA_TYPE_MASK;
            if (length < 4 || pos + length > to) break;
            byte[] value = new byte[length - 4];
            System.arraycopy(data, pos + 4, value, 0, value.length);
            found.add(new Attribute(type, value));
            pos += Nl.align(length);
        }
        return new Attributes(found);
    }

    public List<Attribute> all() {
        return all;
    }

    public Optional<Attribute> get(int type) {
        return Optional.ofNullable(first(type));
    }

    /** The string of the first attribute of this type, or {@code absent}. */
    public String string(int type, String absent) {
        Attribute a = first(type);
        return a == null ? absent : a.string();
    }

    public long u32(int type, long absent) {
        Attribute a = first(type);
        return a == null ? absent : a.u32();
    }

    public int u8(int type, int absent) {
        Attribute a = first(type);
        return a == null ? absent : a.u8();
    }

    /** The attributes nested in the first attribute of this type; none when there is no such attribute. */
    public Attributes nested(int type) {
        Attribute a = first(type);
        return a == null ? NONE : a.nested();
    }

    // A loop, not a stream: every attribute of every dumped link and device is read through here, and a short
    // command pays for each lambda it links (docs/benchmarks.md, start-up).
    private Attribute first(int type) {
        for (Attribute a : all) {
            if (a.type() == type) return a;
        }
        return null;
    }
}
