package org.rait.agent;

import org.junit.jupiter.api.Test;
import org.rait.config.AddressFamily;
import org.rait.config.AgentSettings;
import org.rait.config.RaitConfig;
import org.rait.log.EventLog;
import org.rait.peers.Endpoint;
import org.rait.peers.OwnEntry;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;
import org.rait.tunnels.Recap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EndpointPublishingTest {
    private static final Recap NOTHING = new Recap(0, 0, 0, 0, 0, List.of());
    private final RaitConfig config = Node.config("https://r/peers.conf", AgentSettings.DEFAULT);
    private final Peer own = OwnEntry.of(config);
    private final Peer stale = new Peer(own.publicKey(), own.name(), List.of(new Endpoint(AddressFamily.IP6, 40000, "old.example")));
    private final List<Peer> sent = new ArrayList<>();
    private Instant now = Instant.parse("2026-11-26T12:00:00Z");
    private final EndpointPublishing publishing = new EndpointPublishing(sent::add, new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, EventLog.quiet());

    @Test
    void nothingIsSentWhileTheRegistryListsTheEndpointsRaitConfGives() {
        publishing.run(config, new PeerList(List.of(own, Registry.peer(1))), NOTHING);
        assertEquals(List.of(), sent);
    }

    @Test
    void changedEndpointsAreSentOnceAndAgainOnlyAfterTheRetryDelay() {
        PeerList listed = new PeerList(List.of(stale, Registry.peer(1)));

        publishing.run(config, listed, NOTHING);
        publishing.run(config, listed, NOTHING);
        assertEquals(List.of(own), sent, "once while the registry has not taken it yet");

        now = now.plus(EndpointPublishing.RETRY_AFTER).plus(Duration.ofSeconds(1));
        publishing.run(config, listed, NOTHING);
        assertEquals(List.of(own, own), sent);
    }

    @Test
    void aNodeTheListDoesNotHaveIsLeftToTheAdmins() {
        publishing.run(config, new PeerList(List.of(Registry.peer(1))), NOTHING);
        assertEquals(List.of(), sent);
    }
}
