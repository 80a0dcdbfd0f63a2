package org.rait.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Reads links (RTM_NEWLINK / RTM_DELLINK) and addresses (RTM_NEWADDR) out of kernel messages, in one walk
 * over each message's attributes without copying them (a dump of a namespace with hundreds of links is
 * parsed at every observation).
 */
public final class LinkParser {
    private LinkParser() {
    }

    /** struct ifinfomsg then IFLA_* attributes. */
    public static Link link(NetlinkMessage message) {
        byte[] p = message.payload();
        int index = (int) u32(p, 4);
        int flags = (int) u32(p, 8);
        String name = "";
        String kind = "";
        long group = 0;
        int mtu = 0;
        int master = 0;
        int addrGenMode = -1;
        AttributeCursor a = new AttributeCursor(p, Nl.IFINFOMSG_LEN, p.length);
        while (a.next()) {
            switch (a.type()) {
                case Nl.IFLA_IFNAME -> name = a.string();
                case Nl.IFLA_LINKINFO -> kind = kind(a.nested());
                case Nl.IFLA_GROUP -> group = a.u32();
                case Nl.IFLA_MTU -> mtu = (int) a.u32();
                case Nl.IFLA_MASTER -> master = (int) a.u32();
                case Nl.IFLA_AF_SPEC -> addrGenMode = addrGenMode(a.nested());
                default -> {
                    // not read
                }
            }
        }
        return new Link(index, name, kind, group, mtu, (flags & Nl.IFF_UP) != 0, master, addrGenMode);
    }

    /** IFLA_INFO_KIND; the usual kinds without making a new String for each link. */
    private static String kind(AttributeCursor info) {
        while (info.next()) {
            if (info.type() != Nl.IFLA_INFO_KIND) continue;
            if (info.isString("wireguard")) return "wireguard";
            if (info.isString("tun")) return "tun";
            return info.string();
        }
        return "";
    }

    /** IFLA_AF_SPEC / AF_INET6 / IFLA_INET6_ADDR_GEN_MODE, -1 when absent. */
    private static int addrGenMode(AttributeCursor spec) {
        while (spec.next()) {
            if (spec.type() != Nl.AF_INET6) continue;
            AttributeCursor inet6 = spec.nested();
            while (inet6.next()) if (inet6.type() == Nl.IFLA_INET6_ADDR_GEN_MODE) return inet6.u8();
        }
        return -1;
    }

    /**
     * struct ifaddrmsg then IFA_* attributes. The interface's own address is IFA_LOCAL when present
     * (IFA_ADDRESS is the peer on point-to-point links), else IFA_ADDRESS (IPv6 sends only that).
     */
    public static Optional<LinkAddress> address(NetlinkMessage message) {
        byte[] p = message.payload();
        int prefixLength = p[1] & 0xff;
        int index = (int) u32(p, 4);
        byte[] local = null;
        byte[] address = null;
        AttributeCursor a = new AttributeCursor(p, Nl.IFADDRMSG_LEN, p.length);
        while (a.next()) {
            if (a.type() == Nl.IFA_LOCAL && local == null) local = a.bytes();
            else if (a.type() == Nl.IFA_ADDRESS && address == null) address = a.bytes();
        }
        byte[] own = local != null ? local : address;
        return own == null ? Optional.empty() : Optional.of(new LinkAddress(index, inetAddress(own), prefixLength));
    }

    private static long u32(byte[] p, int at) {
        return (p[at] & 0xff) | (p[at + 1] & 0xff) << 8 | (p[at + 2] & 0xff) << 16 | (long) (p[at + 3] & 0xff) << 24;
    }

    private static InetAddress inetAddress(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + raw.length + " bytes in an RTM_NEWADDR message", e);
        }
    }
}
