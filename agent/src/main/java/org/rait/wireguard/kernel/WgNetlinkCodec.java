package org.rait.wireguard.kernel;

import org.rait.keys.WgKey;
import org.rait.netlink.Attr;
import org.rait.netlink.Attributes;
import org.rait.wireguard.DeviceConfig;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.PeerConfig;
import org.rait.wireguard.PeerState;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The attributes of the WireGuard generic netlink family (linux/wireguard.h), without the genlmsghdr.
 * Pure: builds WG_CMD_SET_DEVICE messages and reads WG_CMD_GET_DEVICE dumps.
 */
public final class WgNetlinkCodec {
    public static final String FAMILY = "wireguard";
    public static final int VERSION = 1;
    public static final int CMD_GET_DEVICE = 0;
    public static final int CMD_SET_DEVICE = 1;
    /** Message size `wg` keeps to; configurations larger than this are split over several messages. */
    public static final int MESSAGE_LIMIT = 4096;

    static final int DEVICE_IFNAME = 2;
    static final int DEVICE_PRIVATE_KEY = 3;
    static final int DEVICE_PUBLIC_KEY = 4;
    static final int DEVICE_FLAGS = 5;
    static final int DEVICE_LISTEN_PORT = 6;
    static final int DEVICE_FWMARK = 7;
    static final int DEVICE_PEERS = 8;
    static final int DEVICE_F_REPLACE_PEERS = 1;

    static final int PEER_PUBLIC_KEY = 1;
    static final int PEER_FLAGS = 3;
    static final int PEER_ENDPOINT = 4;
    static final int PEER_KEEPALIVE = 5;
    static final int PEER_LAST_HANDSHAKE_TIME = 6;
    static final int PEER_RX_BYTES = 7;
    static final int PEER_TX_BYTES = 8;
    static final int PEER_ALLOWEDIPS = 9;
    static final int PEER_F_REPLACE_ALLOWEDIPS = 2;

    static final int ALLOWEDIP_FAMILY = 1;
    static final int ALLOWEDIP_IPADDR = 2;
    static final int ALLOWEDIP_CIDR_MASK = 3;

    /** nlmsghdr + genlmsghdr in front of the attributes. */
    private static final int HEADERS = 16 + 4;
    /** An nlattr header: the cost of opening a nest. */
    private static final int NEST = 4;

    private WgNetlinkCodec() {
    }

    /** WG_CMD_GET_DEVICE (sent as a dump) for one interface by name. */
    public static byte[] getDevice(String ifname) {
        return Attr.string(DEVICE_IFNAME, ifname);
    }

    /**
     * WG_CMD_SET_DEVICE that replaces the whole configuration. The first message carries the device
     * settings and REPLACE_PEERS; when the peers do not fit, further messages name the device again and
     * add peers, and a peer cut in two continues with only its key and the rest of its allowed IPs (no
     * REPLACE_ALLOWEDIPS, which would drop the first half). listenPort 0 is left out: the kernel keeps the
     * port it picked when the device came up instead of picking a new one on every configure.
     */
    public static List<byte[]> setDevice(String ifname, DeviceConfig config, int messageLimit) {
        List<byte[]> device = new ArrayList<>(List.of(
                Attr.string(DEVICE_IFNAME, ifname),
                Attr.bytes(DEVICE_PRIVATE_KEY, config.privateKey().bytes())));
        if (config.listenPort() != 0) device.add(Attr.u16(DEVICE_LISTEN_PORT, config.listenPort()));
        device.add(Attr.u32(DEVICE_FWMARK, config.fwmark()));
        device.add(Attr.u32(DEVICE_FLAGS, DEVICE_F_REPLACE_PEERS));

        int budget = messageLimit - HEADERS;
        List<byte[]> messages = new ArrayList<>();
        Draft draft = new Draft(device);
        for (PeerConfig peer : config.peers()) {
            List<byte[]> ips = peer.allowedIps().stream().map(WgNetlinkCodec::allowedIp).toList();
            List<byte[]> head = peerHead(peer);
            int next = 0;
            while (true) {
                int room = budget - draft.sizeWithPeer(head);
                int taken = 0;
                int used = NEST;
                while (room >= 0 && next + taken < ips.size() && used + ips.get(next + taken).length <= room) {
                    used += ips.get(next + taken).length;
                    taken++;
                }
                boolean fitsWhole = room >= 0 && next + taken == ips.size();
                if (taken == 0 && !fitsWhole) {
                    // not even one more allowed IP fits behind this peer: start a new message and retry
                    if (!draft.hasPeers()) {
                        throw new IllegalArgumentException("peer " + peer.publicKey() + " does not fit in a "
                                + messageLimit + "-byte message");
                    }
                    messages.add(draft.encode());
                    draft = new Draft(List.of(Attr.string(DEVICE_IFNAME, ifname)));
                    continue;
                }
                draft.addPeer(head, ips.subList(next, next + taken));
                next += taken;
                if (next == ips.size()) break;
                messages.add(draft.encode());
                draft = new Draft(List.of(Attr.string(DEVICE_IFNAME, ifname)));
                head = List.of(Attr.bytes(PEER_PUBLIC_KEY, peer.publicKey().bytes()));
            }
        }
        messages.add(draft.encode());
        return messages;
    }

    private static List<byte[]> peerHead(PeerConfig peer) {
        List<byte[]> head = new ArrayList<>();
        head.add(Attr.bytes(PEER_PUBLIC_KEY, peer.publicKey().bytes()));
        head.add(Attr.u32(PEER_FLAGS, PEER_F_REPLACE_ALLOWEDIPS));
        peer.endpoint().ifPresent(e -> head.add(Attr.bytes(PEER_ENDPOINT, Sockaddr.encode(e))));
        head.add(Attr.u16(PEER_KEEPALIVE, peer.keepaliveSeconds()));
        return head;
    }

    private static byte[] allowedIp(String text) {
        Cidr cidr = Cidr.parse(text);
        return Attr.nested(0, List.of(
                Attr.u16(ALLOWEDIP_FAMILY, cidr.family()),
                Attr.bytes(ALLOWEDIP_IPADDR, cidr.address()),
                Attr.u8(ALLOWEDIP_CIDR_MASK, cidr.prefixLength())));
    }

    /** One message under construction: device attributes, then the peers array. */
    private static final class Draft {
        private final List<byte[]> device;
        private final List<byte[]> peers = new ArrayList<>();
        private int size;

        Draft(List<byte[]> device) {
            this.device = List.copyOf(device);
            this.size = device.stream().mapToInt(a -> a.length).sum();
        }

        boolean hasPeers() {
            return !peers.isEmpty();
        }

        /** The size with this peer head added, before its allowed IPs. */
        int sizeWithPeer(List<byte[]> head) {
            return size + (peers.isEmpty() ? NEST : 0) + NEST + head.stream().mapToInt(a -> a.length).sum();
        }

        void addPeer(List<byte[]> head, List<byte[]> ips) {
            List<byte[]> parts = new ArrayList<>(head);
            if (!ips.isEmpty()) parts.add(Attr.nested(PEER_ALLOWEDIPS, ips));
            byte[] peer = Attr.nested(0, parts);
            size += peer.length + (peers.isEmpty() ? NEST : 0);
            peers.add(peer);
        }

        byte[] encode() {
            List<byte[]> all = new ArrayList<>(device);
            if (!peers.isEmpty()) all.add(Attr.nested(DEVICE_PEERS, peers));
            return Attr.concat(all);
        }
    }

    /**
     * Reads the messages of one WG_CMD_GET_DEVICE dump (attributes after the genlmsghdr). The kernel
     * splits large devices: later messages repeat the interface and continue the peers array, and a peer
     * whose allowed IPs were cut continues under the same public key.
     */
    public static DeviceState parseDevice(String ifname, List<Attributes> messages) {
        Optional<WgKey> publicKey = Optional.empty();
        int listenPort = 0;
        long fwmark = 0;
        List<PeerBuilder> peers = new ArrayList<>();
        for (Attributes message : messages) {
            Optional<WgKey> key = message.get(DEVICE_PUBLIC_KEY).map(a -> WgKey.of(a.value())).filter(k -> !k.isZero());
            if (key.isPresent()) publicKey = key;
            listenPort = message.get(DEVICE_LISTEN_PORT).map(Attributes.Attribute::u16).orElse(listenPort);
            fwmark = message.get(DEVICE_FWMARK).map(Attributes.Attribute::u32).orElse(fwmark);
            for (Attributes.Attribute peerAttribute : message.get(DEVICE_PEERS).map(a -> a.nested().all()).orElse(List.of())) {
                Attributes peer = peerAttribute.nested();
                WgKey peerKey = WgKey.of(peer.get(PEER_PUBLIC_KEY).orElseThrow(() -> new IllegalArgumentException(
                        "a peer of " + ifname + " has no public key in the kernel's reply")).value());
                PeerBuilder last = peers.isEmpty() ? null : peers.get(peers.size() - 1);
                if (last == null || !last.publicKey.equals(peerKey)) {
                    last = new PeerBuilder(peerKey);
                    peers.add(last);
                }
                last.read(peer);
            }
        }
        return new DeviceState(ifname, publicKey, listenPort, fwmark, peers.stream().map(PeerBuilder::build).toList());
    }

    private static final class PeerBuilder {
        private final WgKey publicKey;
        private Optional<InetSocketAddress> endpoint = Optional.empty();
        private final List<String> allowedIps = new ArrayList<>();
        private int keepalive;
        private long lastHandshake;
        private long rx;
        private long tx;

        PeerBuilder(WgKey publicKey) {
            this.publicKey = publicKey;
        }

        void read(Attributes peer) {
            peer.get(PEER_ENDPOINT).flatMap(a -> Sockaddr.decode(a.value())).ifPresent(e -> endpoint = Optional.of(e));
            peer.get(PEER_KEEPALIVE).ifPresent(a -> keepalive = a.u16());
            // struct __kernel_timespec: s64 seconds, s64 nanoseconds
            peer.get(PEER_LAST_HANDSHAKE_TIME).ifPresent(a -> lastHandshake = a.buffer().getLong(0));
            peer.get(PEER_RX_BYTES).ifPresent(a -> rx = a.u64());
            peer.get(PEER_TX_BYTES).ifPresent(a -> tx = a.u64());
            for (Attributes.Attribute ip : peer.get(PEER_ALLOWEDIPS).map(a -> a.nested().all()).orElse(List.of())) {
                Attributes fields = ip.nested();
                byte[] address = fields.get(ALLOWEDIP_IPADDR).orElseThrow().value();
                int prefix = fields.get(ALLOWEDIP_CIDR_MASK).orElseThrow().u8();
                allowedIps.add(new Cidr(address, prefix).text());
            }
        }

        PeerState build() {
            return new PeerState(publicKey, endpoint, allowedIps, keepalive, lastHandshake, rx, tx);
        }
    }
}
