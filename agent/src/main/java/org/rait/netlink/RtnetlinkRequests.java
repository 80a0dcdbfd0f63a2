package org.rait.netlink;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the rtnetlink requests rait sends, byte for byte as iproute2 builds the same operations
 * (the unit tests compare them with captures of `ip`). Pure: no socket, no state.
 * {@code link} names the target in descriptions, e.g. "index=7 name=rait4x50180".
 */
public final class RtnetlinkRequests {
    static final int IFLA_EXT_MASK = 29;
    /** Leave the counters out of link replies: rait never reads them and they are most of the bytes. */
    static final int RTEXT_FILTER_SKIP_STATS = 1 << 3;

    private RtnetlinkRequests() {
    }

    public static NetlinkRequest dumpLinks() {
        byte[] payload = join(ifinfomsg(0, 0, 0), Attr.u32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS));
        return new NetlinkRequest(Nl.RTM_GETLINK, NetlinkRequest.DUMP, payload, "RTM_GETLINK dump", false);
    }

    public static NetlinkRequest getLink(String name) {
        byte[] payload = join(ifinfomsg(0, 0, 0), Attr.u32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS),
                Attr.string(Nl.IFLA_IFNAME, name));
        return new NetlinkRequest(Nl.RTM_GETLINK, NetlinkRequest.GET, payload, "RTM_GETLINK name=" + name, false);
    }

    public static NetlinkRequest createLink(String name, String kind) {
        byte[] payload = join(ifinfomsg(0, 0, 0), Attr.string(Nl.IFLA_IFNAME, name),
                Attr.plainNested(Nl.IFLA_LINKINFO, List.of(Attr.text(Nl.IFLA_INFO_KIND, kind))));
        return change(Nl.RTM_NEWLINK, NetlinkRequest.CREATE, payload, "name=" + name + " kind=" + kind);
    }

    /**
     * A new link made in {@code namespaceFd}'s namespace. A WireGuard device keeps its UDP socket in the
     * namespace of the socket that sent this, so a transit socket makes it in the target directly, with
     * no separate move.
     */
    public static NetlinkRequest createLink(String name, String kind, int namespaceFd, String namespace) {
        byte[] payload = join(ifinfomsg(0, 0, 0), Attr.string(Nl.IFLA_IFNAME, name),
                Attr.plainNested(Nl.IFLA_LINKINFO, List.of(Attr.text(Nl.IFLA_INFO_KIND, kind))),
                Attr.u32(Nl.IFLA_NET_NS_FD, namespaceFd));
        return change(Nl.RTM_NEWLINK, NetlinkRequest.CREATE, payload, "name=" + name + " kind=" + kind + " netns=" + namespace);
    }

    /**
     * A new link with its group and MTU set at creation (the kernel takes both there, before the link is
     * registered, so a link that exists at all is already in its group), made in {@code namespaceFd}'s
     * namespace, or where this socket is when {@code namespaceFd} is negative. IFLA_AF_SPEC is not sent:
     * only a change to an existing link applies it.
     */
    public static NetlinkRequest createLink(String name, String kind, int namespaceFd, String namespace, long group, int mtu) {
        List<byte[]> parts = new ArrayList<>(List.of(ifinfomsg(0, 0, 0), Attr.string(Nl.IFLA_IFNAME, name),
                Attr.u32(Nl.IFLA_MTU, mtu), Attr.u32(Nl.IFLA_GROUP, group),
                Attr.plainNested(Nl.IFLA_LINKINFO, List.of(Attr.text(Nl.IFLA_INFO_KIND, kind)))));
        if (namespaceFd >= 0) parts.add(Attr.u32(Nl.IFLA_NET_NS_FD, namespaceFd));
        return change(Nl.RTM_NEWLINK, NetlinkRequest.CREATE, Attr.concat(parts), "name=" + name + " kind=" + kind
                + " mtu=" + mtu + " group=" + group + (namespaceFd >= 0 ? " netns=" + namespace : ""));
    }

    /** The settings of an existing link, in one message. */
    public static NetlinkRequest setLink(int index, LinkSettings settings, String link) {
        List<byte[]> parts = new ArrayList<>(List.of(ifinfomsg(index, 0, 0)));
        parts.addAll(settingAttributes(settings));
        return change(Nl.RTM_NEWLINK, NetlinkRequest.CHANGE, Attr.concat(parts), link + describe(settings));
    }

    private static List<byte[]> settingAttributes(LinkSettings settings) {
        List<byte[]> attributes = new ArrayList<>(List.of(Attr.u32(Nl.IFLA_GROUP, settings.group()),
                Attr.u32(Nl.IFLA_MTU, settings.mtu())));
        if (settings.addrGenModeNone()) attributes.add(addrGenModeNone());
        return attributes;
    }

    private static String describe(LinkSettings settings) {
        return " mtu=" + settings.mtu() + " group=" + settings.group() + (settings.addrGenModeNone() ? " addrgenmode=none" : "");
    }

    public static NetlinkRequest createVrf(String name, int table) {
        byte[] data = Attr.plainNested(Nl.IFLA_INFO_DATA, List.of(Attr.u32(Nl.IFLA_VRF_TABLE, table)));
        byte[] payload = join(ifinfomsg(0, 0, 0), Attr.string(Nl.IFLA_IFNAME, name),
                Attr.plainNested(Nl.IFLA_LINKINFO, List.of(Attr.text(Nl.IFLA_INFO_KIND, "vrf"), data)));
        return change(Nl.RTM_NEWLINK, NetlinkRequest.CREATE, payload, "name=" + name + " kind=vrf table=" + table);
    }

    public static NetlinkRequest deleteLink(int index, String link) {
        return change(Nl.RTM_DELLINK, NetlinkRequest.CHANGE, ifinfomsg(index, 0, 0), link);
    }

    /** RTM_DELLINK by name (no index: the kernel looks the name up under RTNL); ENODEV when there is none. */
    public static NetlinkRequest deleteLink(String name) {
        byte[] payload = join(ifinfomsg(0, 0, 0), Attr.string(Nl.IFLA_IFNAME, name));
        return change(Nl.RTM_DELLINK, NetlinkRequest.CHANGE, payload, "name=" + name);
    }

    public static NetlinkRequest setMtu(int index, int mtu, String link) {
        return setLink(index, Attr.u32(Nl.IFLA_MTU, mtu), link + " mtu=" + mtu);
    }

    public static NetlinkRequest setGroup(int index, long group, String link) {
        return setLink(index, Attr.u32(Nl.IFLA_GROUP, group), link + " group=" + group);
    }

    public static NetlinkRequest setMaster(int index, int masterIndex, String link) {
        return setLink(index, Attr.u32(Nl.IFLA_MASTER, masterIndex), link + " master=" + masterIndex);
    }

    /** IFLA_NET_NS_FD: the kernel resolves the descriptor in the sending process. */
    public static NetlinkRequest moveToNamespace(int index, int namespaceFd, String link, String namespace) {
        return setLink(index, Attr.u32(Nl.IFLA_NET_NS_FD, namespaceFd), link + " netns=" + namespace);
    }

    public static NetlinkRequest setAddrGenModeNone(int index, String link) {
        return setLink(index, addrGenModeNone(), link + " addrgenmode=none");
    }

    private static byte[] addrGenModeNone() {
        byte[] inet6 = Attr.plainNested(Nl.AF_INET6, List.of(Attr.u8(Nl.IFLA_INET6_ADDR_GEN_MODE, 1)));
        return Attr.plainNested(Nl.IFLA_AF_SPEC, List.of(inet6));
    }

    public static NetlinkRequest setUp(int index, boolean up, String link) {
        return change(Nl.RTM_NEWLINK, NetlinkRequest.CHANGE, ifinfomsg(index, up ? Nl.IFF_UP : 0, Nl.IFF_UP),
                link + (up ? " up" : " down"));
    }

    public static NetlinkRequest dumpAddresses() {
        byte[] payload = ifaddrmsg(Nl.AF_UNSPEC, 0, 0, 0);
        return new NetlinkRequest(Nl.RTM_GETADDR, NetlinkRequest.DUMP, payload, "RTM_GETADDR dump", false);
    }

    /** IPv6 link-local addresses skip duplicate address detection, so they can be used at once. */
    public static NetlinkRequest addAddress(int index, InetAddress address, int prefixLength, String link) {
        int flags = address instanceof Inet6Address && address.isLinkLocalAddress() ? Nl.IFA_F_NODAD : 0;
        return change(Nl.RTM_NEWADDR, NetlinkRequest.CREATE, address(index, address, prefixLength, flags),
                link + " address=" + address.getHostAddress() + "/" + prefixLength);
    }

    public static NetlinkRequest deleteAddress(int index, InetAddress address, int prefixLength, String link) {
        return change(Nl.RTM_DELADDR, NetlinkRequest.CHANGE, address(index, address, prefixLength, 0),
                link + " address=" + address.getHostAddress() + "/" + prefixLength);
    }

    private static byte[] address(int index, InetAddress address, int prefixLength, int flags) {
        int family = address instanceof Inet6Address ? Nl.AF_INET6 : Nl.AF_INET;
        return join(ifaddrmsg(family, prefixLength, flags, index),
                Attr.bytes(Nl.IFA_LOCAL, address.getAddress()), Attr.bytes(Nl.IFA_ADDRESS, address.getAddress()));
    }

    private static NetlinkRequest setLink(int index, byte[] attribute, String description) {
        return change(Nl.RTM_NEWLINK, NetlinkRequest.CHANGE, join(ifinfomsg(index, 0, 0), attribute), description);
    }

    private static NetlinkRequest change(int type, int flags, byte[] payload, String description) {
        return new NetlinkRequest(type, flags, payload, typeName(type) + " " + description, true);
    }

    /** struct ifinfomsg: u8 family, u8 pad, u16 type, s32 index, u32 flags, u32 change. */
    static byte[] ifinfomsg(int index, int flags, int change) {
        return new ByteWriter().u8(Nl.AF_UNSPEC).u8(0).u16(0).u32(index).u32(flags).u32(change).toByteArray();
    }

    /** struct ifaddrmsg: u8 family, u8 prefixlen, u8 flags, u8 scope, u32 index (scope: the kernel decides). */
    static byte[] ifaddrmsg(int family, int prefixLength, int flags, int index) {
        return new ByteWriter().u8(family).u8(prefixLength).u8(flags).u8(0).u32(index).toByteArray();
    }

    static String typeName(int type) {
        return switch (type) {
            case Nl.RTM_NEWLINK -> "RTM_NEWLINK";
            case Nl.RTM_DELLINK -> "RTM_DELLINK";
            case Nl.RTM_GETLINK -> "RTM_GETLINK";
            case Nl.RTM_NEWADDR -> "RTM_NEWADDR";
            case Nl.RTM_DELADDR -> "RTM_DELADDR";
            case Nl.RTM_GETADDR -> "RTM_GETADDR";
            default -> "message type " + type;
        };
    }

    private static byte[] join(byte[]... parts) {
        return Attr.concat(List.of(parts));
    }
}
