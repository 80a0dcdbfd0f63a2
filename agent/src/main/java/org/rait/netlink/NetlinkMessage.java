package org.rait.netlink;

import java.util.ArrayList;
import java.util.List;

/** One netlink message: the nlmsghdr fields and the payload that follows the header. */
public record NetlinkMessage(int type, int flags, int seq, int pid, byte[] payload) {
    /** Encodes header + payload (struct nlmsghdr: u32 len, u16 type, u16 flags, u32 seq, u32 pid). */
    public byte[] encode() {
        return new ByteWriter().u32(Nl.NLMSG_HDRLEN + payload.length).u16(type).u16(flags).u32(seq).u32(pid)
                .bytes(payload).align().toByteArray();
    }

    /**
     * Splits a received datagram into its messages. The header fields are read from the bytes, not through a
     * ByteBuffer: every receive of a one-shot (two a WireGuard device read) runs this interpreted.
     */
    public static List<NetlinkMessage> parseAll(byte[] data, int length) {
        List<NetlinkMessage> messages = new ArrayList<>();
        int pos = 0;
        while (pos + Nl.NLMSG_HDRLEN <= length) {
            int messageLength = u32(data, pos);
            if (messageLength < Nl.NLMSG_HDRLEN || pos + messageLength > length) {
                throw new IllegalArgumentException("truncated netlink message at offset " + pos
                        + ": length " + messageLength + ", " + (length - pos) + " bytes left");
            }
            byte[] payload = new byte[messageLength - Nl.NLMSG_HDRLEN];
            System.arraycopy(data, pos + Nl.NLMSG_HDRLEN, payload, 0, payload.length);
            messages.add(new NetlinkMessage(u16(data, pos + 4), u16(data, pos + 6), u32(data, pos + 8), u32(data, pos + 12), payload));
            pos += Nl.align(messageLength);
        }
        return messages;
    }

    /** The little-endian (host order) u32 at {@code at} of the payload, as an int. */
    public int u32(int at) {
        return u32(payload, at);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static int u32(byte[] b, int at) {
        return u16(b, at) | u16(b, at + 2) << 16;
    }

    /** The attributes after a fixed-size family header (ifinfomsg, ifaddrmsg, genlmsghdr). */
    public Attributes attributes(int familyHeaderLength) {
        return Attributes.parse(payload, familyHeaderLength, payload.length);
    }
}
