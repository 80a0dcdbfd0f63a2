package org.rait.agent;

import org.rait.config.RaitConfig;
import org.rait.log.EventLog;
import org.rait.peers.OwnEntry;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;
import org.rait.tunnels.Recap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * agent.publish_endpoints: when the registry's peer list shows this node with other endpoints (or another name)
 * than rait.conf gives, register again so that the others learn the new ones. Only for a node the list already
 * has: a node that is pending, rejected or revoked is the admins' business. The same entry is sent at most once
 * per {@link #RETRY_AFTER}, so a registry that does not take it is not flooded.
 */
public final class EndpointPublishing implements AfterApply {
    static final Duration RETRY_AFTER = Duration.ofMinutes(10);

    /** Sends this node's entry with a proof of its key (`rait register`). */
    @FunctionalInterface
    public interface Registrar {
        void register(Peer entry) throws Exception;
    }

    private final Registrar registrar;
    private final Clock clock;
    private final EventLog log;
    private Optional<Peer> lastSent = Optional.empty();
    private Instant lastSentAt = Instant.MIN;

    public EndpointPublishing(Registrar registrar, Clock clock, EventLog log) {
        this.registrar = registrar;
        this.clock = clock;
        this.log = log;
    }

    @Override
    public void run(RaitConfig config, PeerList applied, Recap recap) {
        Peer own = OwnEntry.of(config);
        Optional<Peer> listed = applied.peers().stream().filter(p -> p.publicKey().equals(own.publicKey())).findFirst();
        if (listed.isEmpty() || listed.get().equals(own)) return;
        Instant now = clock.instant();
        if (lastSent.equals(Optional.of(own)) && now.isBefore(lastSentAt.plus(RETRY_AFTER))) return;
        lastSent = Optional.of(own);
        lastSentAt = now;
        try {
            registrar.register(own);
            log.info("endpoints_published", "endpoints", own.endpoints().size(), "was", listed.get().endpoints().size());
        } catch (Exception e) {
            log.warn("endpoints_publish_failed", "detail", String.valueOf(e.getMessage()),
                    "retry_after", RETRY_AFTER.toMinutes() + "m");
        }
    }
}
