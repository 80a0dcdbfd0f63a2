package org.rait.wireguard.kernel;

import org.rait.keys.WgKey;
import org.rait.keys.X25519;
import org.rait.netlink.Attr;
import org.rait.netlink.AttributeCursor;
import org.rait.netlink.Attributes;
import org.rait.wireguard.DeviceConfig;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.PeerConfig;
import org.rait.wireguard.PeerState;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
            List<byte[]> ips = new ArrayList<>(peer.allowedIps().size());
            for (String range : peer.allowedIps()) ips.add(allowedIp(range));
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
        if (peer.endpoint().isPresent()) head.add(Attr.bytes(PEER_ENDPOINT, Sockaddr.encode(peer.endpoint().get())));
        head.add(Attr.u16(PEER_KEEPALIVE, peer.keepaliveSeconds()));
        return head;
    }

    /**
     * Allowed IPs already encoded: every configuration carries the same two ({@code Planner.ALLOWED_IPS}), and
     * parsing the address literal is most of encoding one. Bounded, as a caller may pass any ranges.
     */
    private static final Map<String, byte[]> ENCODED_RANGES = new ConcurrentHashMap<>();
    private static final int ENCODED_RANGES_KEPT = 64;

    private static byte[] allowedIp(String text) {
        byte[] known = ENCODED_RANGES.get(text);
        if (known != null) return known;
        byte[] encoded = encodeAllowedIp(text);
        if (ENCODED_RANGES.size() < ENCODED_RANGES_KEPT) ENCODED_RANGES.put(text, encoded);
        return encoded;
    }

    private static byte[] encodeAllowedIp(String text) {
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
            this.size = size(device);
        }

        // loops, not IntStreams: a `rait up` that adds a peer encodes its device interpreted
        private static int size(List<byte[]> attributes) {
            int size = 0;
            for (byte[] a : attributes) size += a.length;
            return size;
        }

        boolean hasPeers() {
            return !peers.isEmpty();
        }

        /** The size with this peer head added, before its allowed IPs. */
        int sizeWithPeer(List<byte[]> head) {
            return size + (peers.isEmpty() ? NEST : 0) + NEST + size(head);
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
     * Reads the messages of one WG_CMD_GET_DEVICE dump (attributes after the genlmsghdr), each walked once
     * in place. The kernel splits large devices: later messages repeat the interface and continue the
     * peers array, and a peer whose allowed IPs were cut continues under the same public key.
     */
    public static DeviceState parseDevice(String ifname, List<Attributes> messages) {
        Optional<WgKey> publicKey = Optional.empty();
        WgKey privateKey = null;
        int listenPort = 0;
        long fwmark = 0;
        List<PeerBuilder> peers = new ArrayList<>();
        for (Attributes message : messages) {
            AttributeCursor a = message.cursor();
            while (a.next()) {
                switch (a.type()) {
                    case DEVICE_PRIVATE_KEY -> {
                        if (!a.isZero()) privateKey = WgKey.of(a.bytes());
                    }
                    case DEVICE_PUBLIC_KEY -> {
                        if (!a.isZero()) publicKey = Optional.of(WgKey.of(a.bytes()));
                    }
                    case DEVICE_LISTEN_PORT -> listenPort = a.u16();
                    case DEVICE_FWMARK -> fwmark = a.u32();
                    case DEVICE_PEERS -> {
                        AttributeCursor peer = a.nested();
                        while (peer.next()) readPeer(ifname, peer, peers);
                    }
                    default -> {
                        // not read
                    }
                }
            }
        }
        // The kernel's own derivation: this node's public key is then never computed for a pass towards its devices.
        if (privateKey != null && publicKey.isPresent()) X25519.knownPair(privateKey, publicKey.get());
        List<PeerState> states = new ArrayList<>(peers.size());
        for (PeerBuilder peer : peers) states.add(peer.build());
        return new DeviceState(ifname, publicKey, listenPort, fwmark, states);
    }

    /** One peer (the cursor is on its nest): a new peer, or the continuation of the last one when it has the same key. */
    private static void readPeer(String ifname, AttributeCursor peer, List<PeerBuilder> peers) {
        WgKey key = null;
        AttributeCursor find = peer.nested();
        while (find.next()) {
            if (find.type() == PEER_PUBLIC_KEY) {
                key = WgKey.of(find.bytes());
                break;
            }
        }
        if (key == null) throw new IllegalArgumentException("a peer of " + ifname + " has no public key in the kernel's reply");
        PeerBuilder last = peers.isEmpty() ? null : peers.get(peers.size() - 1);
        if (last == null || !last.publicKey.equals(key)) {
            last = new PeerBuilder(key);
            peers.add(last);
        }
        last.read(peer.nested());
    }

    private static final String ANY_IP4 = "0.0.0.0/0";
    private static final String ANY_IP6 = "::/0";

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

        void read(AttributeCursor a) {
            while (a.next()) {
                switch (a.type()) {
                    case PEER_ENDPOINT -> {
                        Optional<InetSocketAddress> decoded = Sockaddr.decode(a.bytes());
                        if (decoded.isPresent()) endpoint = decoded;
                    }
                    case PEER_KEEPALIVE -> keepalive = a.u16();
                    // struct __kernel_timespec: s64 seconds, s64 nanoseconds
                    case PEER_LAST_HANDSHAKE_TIME -> lastHandshake = a.u64At(0);
                    case PEER_RX_BYTES -> rx = a.u64();
                    case PEER_TX_BYTES -> tx = a.u64();
                    case PEER_ALLOWEDIPS -> {
                        AttributeCursor ip = a.nested();
                        while (ip.next()) allowedIps.add(allowedIp(ip.nested()));
                    }
                    default -> {
                        // the key was read first; flags are only sent
                    }
                }
            }
        }

        private static String allowedIp(AttributeCursor fields) {
            byte[] address = null;
            int prefix = -1;
            while (fields.next()) {
                if (fields.type() == ALLOWEDIP_IPADDR) address = fields.bytes();
                else if (fields.type() == ALLOWEDIP_CIDR_MASK) prefix = fields.u8();
            }
            if (address == null || prefix < 0) throw new IllegalArgumentException("an allowed IP without address or mask in the kernel's reply");
            // What every tunnel of rait carries (Planner.ALLOWED_IPS), without formatting it 400 times a pass.
            if (prefix == 0 && isZero(address)) {
                if (address.length == 4) return ANY_IP4;
                if (address.length == 16) return ANY_IP6;
            }
            return new Cidr(address, prefix).text();
        }

        private static boolean isZero(byte[] address) {
            for (byte b : address) if (b != 0) return false;
            return true;
        }

        PeerState build() {
            return new PeerState(publicKey, endpoint, allowedIps, keepalive, lastHandshake, rx, tx);
        }
    }
}
