package org.rait.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;

/** Reads links (RTM_NEWLINK / RTM_DELLINK) and addresses (RTM_NEWADDR) out of kernel messages. */
public final class LinkParser {
    private LinkParser() {
    }

    /** struct ifinfomsg then IFLA_* attributes. */
    public static Link link(NetlinkMessage message) {
        ByteBuffer header = message.buffer();
        int index = header.getInt(4);
        int flags = header.getInt(8);
        Attributes attributes = message.attributes(Nl.IFINFOMSG_LEN);
        String name = attributes.string(Nl.IFLA_IFNAME, "");
        String kind = attributes.nested(Nl.IFLA_LINKINFO).string(Nl.IFLA_INFO_KIND, "");
        long group = attributes.u32(Nl.IFLA_GROUP, 0);
        int mtu = (int) attributes.u32(Nl.IFLA_MTU, 0);
        int master = (int) attributes.u32(Nl.IFLA_MASTER, 0);
        int addrGenMode = attributes.nested(Nl.IFLA_AF_SPEC).nested(Nl.AF_INET6).u8(Nl.IFLA_INET6_ADDR_GEN_MODE, -1);
        return new Link(index, name, kind, group, mtu, (flags & Nl.IFF_UP) != 0, master, addrGenMode);
    }

    /**
     * struct ifaddrmsg then IFA_* attributes. The interface's own address is IFA_LOCAL when present
     * (IFA_ADDRESS is the peer on point-to-point links), else IFA_ADDRESS (IPv6 sends only that).
     */
    public static Optional<LinkAddress> address(NetlinkMessage message) {
        ByteBuffer header = message.buffer();
        int prefixLength = header.get(1) & 0xff;
        int index = header.getInt(4);
        Attributes attributes = message.attributes(Nl.IFADDRMSG_LEN);
        Optional<Attributes.Attribute> own = attributes.get(Nl.IFA_LOCAL);
        if (own.isEmpty()) own = attributes.get(Nl.IFA_ADDRESS);
        if (own.isEmpty()) return Optional.empty();
        return Optional.of(new LinkAddress(index, inetAddress(own.get().value()), prefixLength));
    }

    private static InetAddress inetAddress(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + raw.length + " bytes in an RTM_NEWADDR message", e);
        }
    }
}
