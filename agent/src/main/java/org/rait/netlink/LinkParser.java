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
        String name = attributes.get(Nl.IFLA_IFNAME).map(Attributes.Attribute::string).orElse("");
        String kind = attributes.get(Nl.IFLA_LINKINFO)
                .flatMap(info -> info.nested().get(Nl.IFLA_INFO_KIND))
                .map(Attributes.Attribute::string).orElse("");
        long group = attributes.get(Nl.IFLA_GROUP).map(Attributes.Attribute::u32).orElse(0L);
        int mtu = attributes.get(Nl.IFLA_MTU).map(a -> (int) a.u32()).orElse(0);
        int master = attributes.get(Nl.IFLA_MASTER).map(a -> (int) a.u32()).orElse(0);
        int addrGenMode = attributes.get(Nl.IFLA_AF_SPEC)
                .flatMap(spec -> spec.nested().get(Nl.AF_INET6))
                .flatMap(inet6 -> inet6.nested().get(Nl.IFLA_INET6_ADDR_GEN_MODE))
                .map(Attributes.Attribute::u8).orElse(-1);
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
        return attributes.get(Nl.IFA_LOCAL).or(() -> attributes.get(Nl.IFA_ADDRESS))
                .map(a -> new LinkAddress(index, inetAddress(a.value()), prefixLength));
    }

    private static InetAddress inetAddress(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + raw.length + " bytes in an RTM_NEWADDR message", e);
        }
    }
}
