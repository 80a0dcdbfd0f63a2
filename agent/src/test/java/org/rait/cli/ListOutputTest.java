package org.rait.cli;

import org.junit.jupiter.api.Test;
import org.rait.keys.WgKey;
import org.rait.netlink.Link;
import org.rait.plan.ObservedTunnel;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.PeerState;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** `rait list`: ages for people, and for --json the field names cli-output.md documents. */
class ListOutputTest {
    private static final WgKey PEER = WgKey.parseBase64("q1ZVx4MgpfGLN2IU4rTNaWVRCDAm7GN7Sgb8yS/5hX8=");
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static ObservedTunnel tunnel(long lastHandshake) {
        PeerState peer = new PeerState(PEER, Optional.of(new InetSocketAddress("192.0.2.7", 50153)), List.of("0.0.0.0/0", "::/0"),
                0, lastHandshake, 1200, 3400);
        return new ObservedTunnel(new Link(7, "rait4x0", "wireguard", 54, 1420, true, 0, 1), List.of(),
                Optional.of(new DeviceState("rait4x0", Optional.empty(), 50154, 54, List.of(peer))));
    }

    @Test
    void theHumanLineShowsTheHandshakeAsAnAgeNotEpochSeconds() {
        long threeMinutesTwelveAgo = NOW.getEpochSecond() - 192;
        assertEquals("rait4x0 up=true mtu=1420 listen_port=50154 fwmark=54 peer=" + PEER + " endpoint=192.0.2.7:50153"
                + " handshake_age=3m12s rx_bytes=1200 tx_bytes=3400", ListCommand.line(tunnel(threeMinutesTwelveAgo), NOW));
        assertEquals(true, ListCommand.line(tunnel(0), NOW).contains(" handshake_age=never "));
    }

    @Test
    void jsonHasTheDocumentedFieldsWithAnIsoTimeAndAnAge() {
        assertEquals("[{\"interface\":\"rait4x0\",\"up\":true,\"mtu\":1420,\"device\":{\"listen_port\":50154,\"fwmark\":54,"
                        + "\"peers\":[{\"public_key\":\"" + PEER + "\",\"endpoint\":\"192.0.2.7:50153\","
                        + "\"last_handshake\":\"2026-12-01T11:56:48Z\",\"last_handshake_age_seconds\":192,"
                        + "\"rx_bytes\":1200,\"tx_bytes\":3400}]}}]",
                JsonOutput.write(List.of(ListCommand.object(tunnel(NOW.getEpochSecond() - 192), NOW))));
    }

    @Test
    void aPeerWithoutAHandshakeHasNullTimes() {
        String json = JsonOutput.write(ListCommand.object(tunnel(0), NOW));
        assertEquals(true, json.contains("\"last_handshake\":null,\"last_handshake_age_seconds\":null"), json);
    }
}
