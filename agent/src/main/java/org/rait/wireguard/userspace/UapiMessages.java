package org.rait.wireguard.userspace;

import org.rait.keys.WgKey;
import org.rait.plan.AddressText;
import org.rait.keys.X25519;
import org.rait.wireguard.DeviceConfig;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.PeerConfig;
import org.rait.wireguard.PeerState;
import org.rait.wireguard.WireGuardException;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The text of wireguard-go's UAPI (the cross-platform userspace protocol): a device configuration as the
 * lines of a {@code set=1} request, and the lines of a {@code get=1} answer as a {@link DeviceState}.
 * Keys travel in hex.
 */
final class UapiMessages {
    private UapiMessages() {
    }

    /** The body of a set request that replaces the whole configuration (without set=1 and the blank line). */
    static List<String> set(DeviceConfig config) {
        List<String> lines = new ArrayList<>();
        lines.add("private_key=" + config.privateKey().hex());
        lines.add("listen_port=" + config.listenPort());
        lines.add("fwmark=" + config.fwmark());
        lines.add("replace_peers=true");
        for (PeerConfig peer : config.peers()) {
            lines.add("public_key=" + peer.publicKey().hex());
            peer.endpoint().ifPresent(e -> lines.add("endpoint=" + endpoint(e)));
            lines.add("persistent_keepalive_interval=" + peer.keepaliveSeconds());
            lines.add("replace_allowed_ips=true");
            peer.allowedIps().forEach(ip -> lines.add("allowed_ip=" + ip));
        }
        return lines;
    }

    static String endpoint(InetSocketAddress e) {
        // AddressText writes the bare address: a zone means nothing to the peer.
        String host = AddressText.of(e.getAddress());
        return (e.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + e.getPort();
    }

    /** Parses a get answer (all lines before the blank one, errno included). */
    static DeviceState state(String ifname, List<String> lines) {
        Optional<WgKey> publicKey = Optional.empty();
        int listenPort = 0;
        long fwmark = 0;
        List<PeerState> peers = new ArrayList<>();
        PeerBuilder peer = null;
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq < 0) throw new WireGuardException(ifname + ": malformed UAPI line \"" + line + "\"");
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            switch (key) {
                case "private_key" -> publicKey = Optional.of(X25519.publicKey(WgKey.parseHex(value)));
                case "listen_port" -> listenPort = Integer.parseInt(value);
                case "fwmark" -> fwmark = Long.parseLong(value);
                case "public_key" -> {
                    if (peer != null) peers.add(peer.build());
                    peer = new PeerBuilder(WgKey.parseHex(value));
                }
                case "endpoint" -> requirePeer(ifname, peer, key).endpoint = Optional.of(parseEndpoint(ifname, value));
                case "allowed_ip" -> requirePeer(ifname, peer, key).allowedIps.add(value);
                case "persistent_keepalive_interval" -> requirePeer(ifname, peer, key).keepalive = Integer.parseInt(value);
                case "last_handshake_time_sec" -> requirePeer(ifname, peer, key).handshake = Long.parseLong(value);
                case "rx_bytes" -> requirePeer(ifname, peer, key).rx = Long.parseLong(value);
                case "tx_bytes" -> requirePeer(ifname, peer, key).tx = Long.parseLong(value);
                case "errno" -> {
                    if (!value.equals("0")) throw new WireGuardException(ifname + ": UAPI get answered errno=" + value);
                }
                default -> {
                    // protocol_version, last_handshake_time_nsec and later additions carry nothing we plan with.
                }
            }
        }
        if (peer != null) peers.add(peer.build());
        return new DeviceState(ifname, publicKey, listenPort, fwmark, peers);
    }

    private static PeerBuilder requirePeer(String ifname, PeerBuilder peer, String key) {
        if (peer == null) throw new WireGuardException(ifname + ": UAPI answer has " + key + " before any public_key");
        return peer;
    }

    static InetSocketAddress parseEndpoint(String ifname, String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) throw new WireGuardException(ifname + ": endpoint without port: " + text);
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int zone = host.indexOf('%');
        if (zone >= 0) host = host.substring(0, zone);
        try {
            // An IP literal never goes to DNS.
            return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(text.substring(colon + 1)));
        } catch (UnknownHostException | NumberFormatException e) {
            throw new WireGuardException(ifname + ": unreadable endpoint " + text, e);
        }
    }

    private static final class PeerBuilder {
        final WgKey key;
        Optional<InetSocketAddress> endpoint = Optional.empty();
        final List<String> allowedIps = new ArrayList<>();
        int keepalive;
        long handshake;
        long rx;
        long tx;

        PeerBuilder(WgKey key) {
            this.key = key;
        }

        PeerState build() {
            return new PeerState(key, endpoint, allowedIps, keepalive, handshake, rx, tx);
        }
    }
}
