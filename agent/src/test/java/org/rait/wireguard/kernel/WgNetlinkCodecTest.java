package org.rait.wireguard.kernel;

import org.junit.jupiter.api.Test;
import org.rait.keys.WgKey;
import org.rait.keys.X25519;
import org.rait.netlink.Attr;
import org.rait.netlink.Attributes;
import org.rait.netlink.ByteWriter;
import org.rait.wireguard.DeviceConfig;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.PeerConfig;
import org.rait.wireguard.PeerState;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The WireGuard generic netlink attributes. No kernel here has WireGuard, so nothing could be captured:
 * the expected bytes follow the layout of linux/wireguard.h (attribute numbers, nests flagged
 * NLA_F_NESTED, sockaddr with the port in network order); end-to-end runs happen in the WireGuard VM.
 */
class WgNetlinkCodecTest {
    private static final WgKey PRIVATE = WgKey.parseBase64("KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI=");
    private static final WgKey PEER = WgKey.parseBase64("rCOdBo/VRxc2ulTM3TzQ9UmHYRAGR4mkN15rs7rmMiY=");
    private static final WgKey OTHER = WgKey.parseBase64("GMi1N+cqxgplru+WvQgAYFmC1SdpFljptGbLS2gL80g=");

    private static Attributes attributes(byte[] message) {
        return Attributes.parse(message, 0, message.length);
    }

    private static int rawType(byte[] message, int attributeType) {
        ByteBuffer buf = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        for (int pos = 0; pos < message.length; pos += (buf.getShort(pos) + 3) & ~3) {
            int raw = buf.getShort(pos + 2) & 0xffff;
            if ((raw & 0x3fff) == attributeType) return raw;
        }
        throw new AssertionError("no attribute " + attributeType);
    }

    private static PeerConfig peer(WgKey key, String endpoint, int port, List<String> ips) throws Exception {
        Optional<InetSocketAddress> e = endpoint == null ? Optional.empty()
                : Optional.of(new InetSocketAddress(InetAddress.getByName(endpoint), port));
        return new PeerConfig(key, e, ips, 25);
    }

    @Test
    void setDeviceCarriesKeyPortFwmarkReplacePeersAndThePeer() throws Exception {
        DeviceConfig config = new DeviceConfig(PRIVATE, 50180, 54,
                List.of(peer(PEER, "1.1.1.1", 50153, List.of("0.0.0.0/0", "::/0"))));
        List<byte[]> messages = WgNetlinkCodec.setDevice("rait4x50180", config, WgNetlinkCodec.MESSAGE_LIMIT);
        assertEquals(1, messages.size());
        Attributes device = attributes(messages.get(0));

        assertEquals("rait4x50180", device.get(2).orElseThrow().string());
        assertEquals(PRIVATE, WgKey.of(device.get(3).orElseThrow().value()));
        assertEquals(50180, device.get(6).orElseThrow().u16());
        assertEquals(54, device.get(7).orElseThrow().u32());
        assertEquals(1, device.get(5).orElseThrow().u32(), "WGDEVICE_F_REPLACE_PEERS");
        assertEquals(0x8000 | 8, rawType(messages.get(0), 8), "WGDEVICE_A_PEERS is a flagged nest");

        List<Attributes.Attribute> peers = device.get(8).orElseThrow().nested().all();
        assertEquals(1, peers.size());
        Attributes p = peers.get(0).nested();
        assertEquals(PEER, WgKey.of(p.get(1).orElseThrow().value()));
        assertEquals(2, p.get(3).orElseThrow().u32(), "WGPEER_F_REPLACE_ALLOWEDIPS");
        // sockaddr_in: AF_INET (2) in host order, port 50153 = 0xc3e9 in network order, 1.1.1.1, 8 zero bytes
        assertEquals("0200c3e9010101010000000000000000", HexFormat.of().formatHex(p.get(4).orElseThrow().value()));
        assertEquals(25, p.get(5).orElseThrow().u16());
        List<Attributes.Attribute> ips = p.get(9).orElseThrow().nested().all();
        assertEquals(2, ips.size());
    }

    @Test
    void allowedIpIsAFlaggedNestOfFamilyAddressAndPrefix() throws Exception {
        DeviceConfig config = new DeviceConfig(PRIVATE, 1, 0, List.of(peer(PEER, null, 0, List.of("10.0.0.0/8"))));
        byte[] message = WgNetlinkCodec.setDevice("wg0", config, WgNetlinkCodec.MESSAGE_LIMIT).get(0);
        byte[] expectedIp = Attr.concat(List.of(HexFormat.of().parseHex(
                // nlattr len 28, type 0|NLA_F_NESTED; family: len 6 type 1 AF_INET, padded;
                // address: len 8 type 2 10.0.0.0; prefix: len 5 type 3 value 8, padded
                "1c000080" + "0600010002000000" + "080002000a000000" + "0500030008000000")));
        assertTrue(HexFormat.of().formatHex(message).contains(HexFormat.of().formatHex(expectedIp)));
    }

    @Test
    void ipv6EndpointIsASockaddrIn6() throws Exception {
        byte[] raw = Sockaddr.encode(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 50181));
        assertEquals("0a00c405" + "00000000" + "20010db8000000000000000000000001" + "00000000", HexFormat.of().formatHex(raw));
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 50181)), Sockaddr.decode(raw));
    }

    @Test
    void randomListenPortIsLeftToTheKernel() {
        DeviceConfig config = new DeviceConfig(PRIVATE, 0, 54, List.of());
        Attributes device = attributes(WgNetlinkCodec.setDevice("wg0", config, WgNetlinkCodec.MESSAGE_LIMIT).get(0));
        assertTrue(device.get(6).isEmpty());
        assertTrue(device.get(8).isEmpty(), "no peers: REPLACE_PEERS alone removes them all");
        assertEquals(1, device.get(5).orElseThrow().u32());
    }

    @Test
    void peerWithoutEndpointSendsNoEndpoint() throws Exception {
        DeviceConfig config = new DeviceConfig(PRIVATE, 1, 0, List.of(peer(PEER, null, 0, List.of("::/0"))));
        Attributes p = attributes(WgNetlinkCodec.setDevice("wg0", config, WgNetlinkCodec.MESSAGE_LIMIT).get(0))
                .get(8).orElseThrow().nested().all().get(0).nested();
        assertTrue(p.get(4).isEmpty());
    }

    private static List<String> manyRanges(int count) {
        return IntStream.range(0, count).mapToObj(i -> "10." + (i / 256) + "." + (i % 256) + ".0/24").toList();
    }

    @Test
    void largeConfigurationIsSplitAndAPeerCutInTwoContinuesWithoutReplacingItsAllowedIps() throws Exception {
        List<String> ranges = manyRanges(400);
        DeviceConfig config = new DeviceConfig(PRIVATE, 51820, 0, List.of(peer(PEER, "1.1.1.1", 1, ranges)));
        List<byte[]> messages = WgNetlinkCodec.setDevice("wg0", config, WgNetlinkCodec.MESSAGE_LIMIT);

        assertTrue(messages.size() > 1, "400 ranges do not fit in one message");
        for (byte[] m : messages) assertTrue(m.length + 20 <= WgNetlinkCodec.MESSAGE_LIMIT, "message of " + m.length);
        assertTrue(attributes(messages.get(0)).get(5).isPresent());
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Attributes device = attributes(messages.get(i));
            assertEquals("wg0", device.get(2).orElseThrow().string());
            Attributes p = device.get(8).orElseThrow().nested().all().get(0).nested();
            assertEquals(PEER, WgKey.of(p.get(1).orElseThrow().value()));
            if (i > 0) {
                assertTrue(device.get(3).isEmpty() && device.get(5).isEmpty(), "continuations carry no device settings");
                assertTrue(p.get(3).isEmpty(), "a continued peer must not replace its allowed IPs again");
            }
            p.get(9).orElseThrow().nested().all().forEach(ip -> {
                Attributes f = ip.nested();
                sent.add(new Cidr(f.get(2).orElseThrow().value(), f.get(3).orElseThrow().u8()).text());
            });
        }
        assertEquals(ranges, sent);
    }

    @Test
    void manyPeersAreSplitBetweenPeersAndReadBackWhole() throws Exception {
        List<PeerConfig> peers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            byte[] key = new byte[32];
            key[0] = (byte) i;
            key[31] = 1;
            peers.add(peer(WgKey.of(key), "10.0.0." + (i + 1), 50000 + i, List.of("0.0.0.0/0", "::/0")));
        }
        DeviceConfig config = new DeviceConfig(PRIVATE, 50180, 54, peers);
        List<byte[]> messages = WgNetlinkCodec.setDevice("wg0", config, WgNetlinkCodec.MESSAGE_LIMIT);
        assertTrue(messages.size() > 1);

        // the kernel's dump answers in the same shape: parse what we sent as if it came back
        DeviceState state = WgNetlinkCodec.parseDevice("wg0", messages.stream().map(WgNetlinkCodecTest::attributes).toList());
        assertEquals(60, state.peers().size());
        assertEquals(50180, state.listenPort());
        assertEquals(54, state.fwmark());
        for (int i = 0; i < 60; i++) {
            PeerState p = state.peers().get(i);
            assertEquals(peers.get(i).publicKey(), p.publicKey());
            assertEquals(peers.get(i).endpoint(), p.endpoint());
            assertEquals(List.of("0.0.0.0/0", "::/0"), p.allowedIps());
            assertEquals(25, p.keepaliveSeconds());
        }
    }

    @Test
    void getDeviceReplyYieldsHandshakeCountersAndMergesAPeerSpanningTwoMessages() throws Exception {
        byte[] endpoint = Sockaddr.encode(new InetSocketAddress(InetAddress.getByName("2001:db8::2"), 50154));
        byte[] handshake = new ByteWriter().u64(1_764_000_000L).u64(123_456_789L).toByteArray();
        byte[] first = Attr.concat(List.of(
                Attr.u32(1, 7), Attr.string(2, "rait6x50181"),
                Attr.bytes(4, OTHER.bytes()), Attr.u16(6, 50181), Attr.u32(7, 54),
                Attr.nested(8, List.of(Attr.nested(0, List.of(
                        Attr.bytes(1, PEER.bytes()), Attr.bytes(4, endpoint), Attr.u16(5, 25),
                        Attr.bytes(6, handshake), Attr.bytes(7, new ByteWriter().u64(1000).toByteArray()),
                        Attr.bytes(8, new ByteWriter().u64(2000).toByteArray()), Attr.u32(10, 1),
                        Attr.nested(9, List.of(allowed(2, "0.0.0.0", 0)))))))));
        byte[] second = Attr.concat(List.of(
                Attr.u32(1, 7), Attr.string(2, "rait6x50181"),
                Attr.nested(8, List.of(Attr.nested(0, List.of(
                        Attr.bytes(1, PEER.bytes()), Attr.nested(9, List.of(allowed(10, "::", 0)))))))));

        DeviceState state = WgNetlinkCodec.parseDevice("rait6x50181", List.of(attributes(first), attributes(second)));

        assertEquals(Optional.of(OTHER), state.publicKey());
        assertEquals(50181, state.listenPort());
        assertEquals(54, state.fwmark());
        assertEquals(List.of(new PeerState(PEER, Optional.of(new InetSocketAddress(InetAddress.getByName("2001:db8::2"), 50154)),
                List.of("0.0.0.0/0", "::/0"), 25, 1_764_000_000L, 1000, 2000)), state.peers());
    }

    private static byte[] allowed(int family, String address, int prefix) throws Exception {
        return Attr.nested(0, List.of(Attr.u16(1, family), Attr.bytes(2, InetAddress.getByName(address).getAddress()),
                Attr.u8(3, prefix)));
    }

    /**
     * The kernel derives a device's public key when its private key is set: read back together, the pair answers
     * X25519.publicKey without the ladder. Shown with a pair the ladder would not give (a fresh private key and
     * another key as "public"), which only the pair read back can answer with.
     */
    @Test
    void aDeviceReadBackWithItsPrivateKeyMakesThatKeysPublicKeyKnown() {
        WgKey privateKey = X25519.generatePrivateKey();
        byte[] reply = Attr.concat(List.of(Attr.string(2, "wg0"), Attr.bytes(3, privateKey.bytes()),
                Attr.bytes(4, OTHER.bytes()), Attr.u16(6, 0)));

        WgNetlinkCodec.parseDevice("wg0", List.of(attributes(reply)));

        assertEquals(OTHER, X25519.publicKey(privateKey));
    }

    @Test
    void deviceWithoutPrivateKeyHasNoPublicKey() {
        byte[] reply = Attr.concat(List.of(Attr.string(2, "wg0"), Attr.bytes(4, new byte[32]), Attr.u16(6, 0)));
        DeviceState state = WgNetlinkCodec.parseDevice("wg0", List.of(attributes(reply)));
        assertFalse(state.publicKey().isPresent());
        assertEquals(List.of(), state.peers());
    }

    @Test
    void allowedIpTextIsTheShortFormWgPrints() {
        assertEquals("::/0", Cidr.parse("::/0").text());
        assertEquals("0.0.0.0/0", Cidr.parse("0.0.0.0/0").text());
        assertEquals("fe80::1/64", Cidr.parse("fe80:0:0:0:0:0:0:1/64").text());
        assertEquals("2001:db8::1:0:0:1/128", Cidr.parse("2001:db8:0:0:1:0:0:1/128").text());
        assertEquals("2001:db8:0:1:1:1:1:1/128", Cidr.parse("2001:db8:0:1:1:1:1:1/128").text());
    }

    @Test
    void allowedIpMustBeALiteralWithAPrefixInRange() {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com/32"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
    }
}
