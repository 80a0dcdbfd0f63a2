package org.rait.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** One netlink message: the nlmsghdr fields and the payload that follows the header. */
public record NetlinkMessage(int type, int flags, int seq, int pid, byte[] payload) {
    /** Encodes header + payload (struct nlmsghdr: u32 len, u16 type, u16 flags, u32 seq, u32 pid). */
    public byte[] encode() {
        return new ByteWriter().u32(Nl.NLMSG_HDRLEN + payload.length).u16(type).u16(flags).u32(seq).u32(pid)
                .bytes(payload).align().toByteArray();
    }

    /** Splits a received datagram into its messages. */
    public static List<NetlinkMessage> parseAll(byte[] data, int length) {
        ByteBuffer buf = ByteBuffer.wrap(data, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        List<NetlinkMessage> messages = new ArrayList<>();
        int pos = 0;
        while (pos + Nl.NLMSG_HDRLEN <= length) {
            int messageLength = buf.getInt(pos);
            if (messageLength < Nl.NLMSG_HDRLEN || pos + messageLength > length) {
                throw new IllegalArgumentException("truncated netlink message at offset " + pos
                        + ": length " + messageLength + ", " + (length - pos) + " bytes left");
            }
            byte[] payload = new byte[messageLength - Nl.NLMSG_HDRLEN];
            System.arraycopy(data, pos + Nl.NLMSG_HDRLEN, payload, 0, payload.length);
            messages.add(new NetlinkMessage(buf.getShort(pos + 4) & 0xffff, buf.getShort(pos + 6) & 0xffff,
                    buf.getInt(pos + 8), buf.getInt(pos + 12), payload));
            pos += Nl.align(messageLength);
        }
        return messages;
    }

    /** The attributes after a fixed-size family header (ifinfomsg, ifaddrmsg, genlmsghdr). */
    public Attributes attributes(int familyHeaderLength) {
        return Attributes.parse(payload, familyHeaderLength, payload.length);
    }

    public ByteBuffer buffer() {
        return ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
    }
}
