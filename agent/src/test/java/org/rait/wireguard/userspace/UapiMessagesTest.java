package org.rait.wireguard.userspace;

import org.junit.jupiter.api.Test;
import org.rait.keys.WgKey;
import org.rait.keys.X25519;
import org.rait.wireguard.DeviceConfig;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.PeerConfig;
import org.rait.wireguard.WireGuardException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UapiMessagesTest {
    private static final WgKey PRIVATE = WgKey.parseBase64("KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI=");
    private static final WgKey PEER = WgKey.parseBase64("rCOdBo/VRxc2ulTM3TzQ9UmHYRAGR4mkN15rs7rmMiY=");

    @Test
    void aSetReplacesKeyPortFwmarkAndTheOnePeerWithKeysInHex() throws Exception {
        PeerConfig peer = new PeerConfig(PEER, Optional.of(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 50154)),
                List.of("0.0.0.0/0", "::/0"), 25);

        List<String> lines = UapiMessages.set(new DeviceConfig(PRIVATE, 50180, 54, List.of(peer)));

        assertEquals(List.of(
                "private_key=" + PRIVATE.hex(),
                "listen_port=50180",
                "fwmark=54",
                "replace_peers=true",
                "public_key=" + PEER.hex(),
                "endpoint=[2001:db8::1]:50154",
                "persistent_keepalive_interval=25",
                "replace_allowed_ips=true",
                "allowed_ip=0.0.0.0/0",
                "allowed_ip=::/0"), lines);
    }

    @Test
    void aGetAnswerBecomesTheDeviceStateWithThePublicKeyOfItsPrivateKey() throws Exception {
        List<String> answer = List.of(
                "private_key=" + PRIVATE.hex(),
                "listen_port=41000",
                "fwmark=54",
                "public_key=" + PEER.hex(),
                "endpoint=192.0.2.1:50153",
                "last_handshake_time_sec=1700000000",
                "last_handshake_time_nsec=5",
                "tx_bytes=10",
                "rx_bytes=20",
                "persistent_keepalive_interval=0",
                "allowed_ip=0.0.0.0/0",
                "allowed_ip=::/0",
                "protocol_version=1",
                "errno=0");

        DeviceState state = UapiMessages.state("rait4x50180", answer);

        assertEquals(Optional.of(X25519.publicKey(PRIVATE)), state.publicKey());
        assertEquals(41000, state.listenPort());
        assertEquals(54, state.fwmark());
        assertEquals(1, state.peers().size());
        assertEquals(PEER, state.peers().get(0).publicKey());
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 50153)), state.peers().get(0).endpoint());
        assertEquals(List.of("0.0.0.0/0", "::/0"), state.peers().get(0).allowedIps());
        assertEquals(1700000000L, state.peers().get(0).lastHandshakeEpochSeconds());
        assertEquals(20, state.peers().get(0).rxBytes());
    }

    @Test
    void aFreshDeviceHasNoKeyNoPortAndNoPeers() {
        DeviceState state = UapiMessages.state("x", List.of("protocol_version=1", "errno=0"));

        assertEquals(Optional.empty(), state.publicKey());
        assertEquals(0, state.listenPort());
        assertEquals(List.of(), state.peers());
    }

    @Test
    void anIpv6EndpointWithAZoneIsReadWithoutIt() throws Exception {
        assertEquals(new InetSocketAddress(InetAddress.getByName("fe80::1"), 5),
                UapiMessages.parseEndpoint("x", "[fe80::1%veth0]:5"));
    }

    @Test
    void peerSettingsBeforeAnyPeerAreAProtocolError() {
        assertThrows(WireGuardException.class, () -> UapiMessages.state("x", List.of("endpoint=1.2.3.4:5", "errno=0")));
    }
}
