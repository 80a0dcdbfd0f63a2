package org.rait.registry.health;

import org.rait.health.HealthReport;
import org.rait.registry.http.Bodies;
import org.rait.registry.store.Node;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The JSON shapes of node health (snake_case on the wire, like the rest of the API). */
public final class HealthBodies {
    private HealthBodies() {
    }

    /**
     * One node as `admin list` shows it: the fields of the API's node, and its health.
     *
     * @param lastSeen      Unix seconds of the latest report; null when none
     * @param appliedSerial the snapshot serial the node applied, per its latest report; null when unknown
     * @param version       its rait version, per its latest report; null when unknown
     * @param lastPass      how its latest pass ended, "news/action"; null when unknown
     */
    public record NodeStatusBody(String publicKey, String name, List<Bodies.EndpointBody> endpoints, String state, long createdAt,
                                 long updatedAt, Long lastSeen, Long lastSeenAgeSeconds, boolean online, Long appliedSerial,
                                 String version, String lastPass) {
        public static NodeStatusBody of(NodeStatus s, Instant now) {
            Node n = s.node();
            Optional<HealthReport> report = s.report();
            return new NodeStatusBody(n.publicKey().base64(), n.name(),
                    n.endpoints().stream().map(e -> new Bodies.EndpointBody(e.addressFamily().spelling(), e.sendPort(), e.address())).toList(),
                    n.state().word(), n.createdAt().getEpochSecond(), n.updatedAt().getEpochSecond(),
                    s.receivedAt().map(Instant::getEpochSecond).orElse(null), s.lastSeenAgeSeconds(now).orElse(null), s.online(),
                    report.filter(r -> r.appliedSerial().isPresent()).map(r -> r.appliedSerial().getAsLong()).orElse(null),
                    report.map(HealthReport::version).orElse(null),
                    report.map(r -> r.lastPass().news() + "/" + r.lastPass().action()).orElse(null));
        }
    }

    /**
     * One directed pair of the mesh matrix.
     *
     * @param reason why a stale pair is stale; "" otherwise
     */
    public record PairBody(String from, String fromKey, String to, String toKey, Long handshakeAgeSeconds, String state,
                           boolean asymmetric, String reason) {
        static PairBody of(MeshMatrix.Pair p) {
            return new PairBody(MeshMatrix.label(p.from()), p.from().publicKey().base64(), MeshMatrix.label(p.to()),
                    p.to().publicKey().base64(), p.handshakeAgeSeconds().isPresent() ? p.handshakeAgeSeconds().getAsLong() : null,
                    p.state().word(), p.asymmetric(), p.reason());
        }
    }

    public record MatrixBody(List<String> nodes, long staleAfterSeconds, List<PairBody> pairs) {
        public static MatrixBody of(MeshMatrix m) {
            return new MatrixBody(m.nodes().stream().map(MeshMatrix::label).toList(), MeshMatrix.STALE_AFTER.toSeconds(),
                    m.pairs().stream().map(PairBody::of).toList());
        }
    }
}
