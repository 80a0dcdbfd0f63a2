package org.rait.netlink;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes one netlink attribute (struct nlattr: u16 length, u16 type, value, padding to 4 bytes).
 * Each result is position independent, so attributes and nests compose by concatenation.
 */
public final class Attr {
    private static final int HEADER = 4;

    private Attr() {
    }

    public static byte[] bytes(int type, byte[] value) {
        return new ByteWriter().u16(HEADER + value.length).u16(type).bytes(value).align().toByteArray();
    }

    public static byte[] u8(int type, int value) {
        return bytes(type, new byte[] {(byte) value});
    }

    public static byte[] u16(int type, int value) {
        return bytes(type, new ByteWriter().u16(value).toByteArray());
    }

    public static byte[] u32(int type, long value) {
        return bytes(type, new ByteWriter().u32(value).toByteArray());
    }

    /** A NUL-terminated string (NLA_NUL_STRING / NLA_STRING both accept it). */
    public static byte[] string(int type, String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        byte[] withNul = new byte[text.length + 1];
        System.arraycopy(text, 0, withNul, 0, text.length);
        return bytes(type, withNul);
    }

    /** A string without the NUL, as iproute2 sends IFLA_INFO_KIND (NLA_STRING accepts either). */
    public static byte[] text(int type, String value) {
        return bytes(type, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A nest flagged NLA_F_NESTED, which strictly validating families (generic netlink) require. */
    public static byte[] nested(int type, List<byte[]> children) {
        return bytes(type | Nl.NLA_F_NESTED, concat(children));
    }

    /** A nest without the flag, exactly as iproute2 sends rtnetlink nests (the kernel accepts both there). */
    public static byte[] plainNested(int type, List<byte[]> children) {
        return bytes(type, concat(children));
    }

    public static byte[] concat(List<byte[]> parts) {
        ByteWriter writer = new ByteWriter();
        for (byte[] part : parts) writer.bytes(part);
        return writer.toByteArray();
    }
}
