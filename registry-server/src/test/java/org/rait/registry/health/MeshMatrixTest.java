package org.rait.registry.health;

import org.junit.jupiter.api.Test;
import org.rait.health.HealthReport;
import org.rait.health.HealthReportJson;
import org.rait.health.PeerHealth;
import org.rait.keys.WgKey;
import org.rait.keys.X25519;
import org.rait.registry.store.Node;
import org.rait.registry.store.NodeState;
import org.rait.registry.store.StoredReport;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeshMatrixTest {
    private static final Instant NOW = Instant.parse("2027-01-15T10:00:00Z");
    private final Node a = node("alpha", NodeState.APPROVED);
    private final Node b = node("bravo", NodeState.APPROVED);
    private final Node c = node("charlie", NodeState.APPROVED);
    private final Node pending = node("delta", NodeState.PENDING);

    @Test
    void eachDirectedPairShowsTheHandshakeAgeTheFromNodeReportsPlusTheReportsAge() {
        List<NodeStatus> statuses = List.of(
                status(a, 10, tunnel(b, 5), tunnel(c, 20)),
                status(b, 0, tunnel(a, 7), tunnel(c, 30)),
                status(c, 2, tunnel(a, 1), tunnel(b, 3)),
                status(pending, 0));

        MeshMatrix matrix = MeshMatrix.of(statuses, NOW);

        assertEquals(List.of(a, b, c), matrix.nodes(), "approved nodes only, by name");
        assertEquals(6, matrix.pairs().size());
        assertEquals(OptionalLong.of(15), matrix.pair(a.publicKey(), b.publicKey()).orElseThrow().handshakeAgeSeconds());
        assertTrue(matrix.pairs().stream().allMatch(p -> p.state() == MeshMatrix.State.FRESH && !p.asymmetric()), matrix.pairs().toString());
    }

    @Test
    void aLinkWithoutAHandshakeForThreeMinutesIsStaleBothWaysAndOneFreshDirectionMakesThePairAsymmetric() {
        List<NodeStatus> statuses = List.of(
                status(a, 0, tunnel(b, 200), tunnel(c, 5)),
                status(b, 0, tunnel(a, 190), tunnel(c, 5)),
                status(c, 0, tunnel(a, 5), tunnel(b, 181)));

        MeshMatrix matrix = MeshMatrix.of(statuses, NOW);

        MeshMatrix.Pair ab = matrix.pair(a.publicKey(), b.publicKey()).orElseThrow();
        assertEquals(MeshMatrix.State.STALE, ab.state());
        assertFalse(ab.asymmetric(), "stale both ways is not asymmetric");
        assertEquals(MeshMatrix.State.STALE, matrix.pair(c.publicKey(), b.publicKey()).orElseThrow().state());
        assertTrue(matrix.pair(b.publicKey(), c.publicKey()).orElseThrow().asymmetric(), "b sees c fresh, c sees b stale");
        assertEquals(MeshMatrix.State.FRESH, matrix.pair(a.publicKey(), c.publicKey()).orElseThrow().state());
    }

    @Test
    void aNodeThatStoppedReportingIsSilentAndATunnelWithoutHandshakeIsNever() {
        List<NodeStatus> statuses = List.of(
                status(a, 500, tunnel(b, 1), tunnel(c, 1)),
                status(b, 0, tunnel(a, 1), new PeerHealth(c.publicKey(), "r4x3", OptionalLong.empty(), 0, 0, Optional.empty(), OptionalInt.empty(), 0,
                        OptionalLong.empty())),
                status(c, 0, tunnel(a, 1)));

        MeshMatrix matrix = MeshMatrix.of(statuses, NOW);

        assertFalse(statuses.get(0).online(), "500 s without a report, interval 60 s");
        assertEquals(MeshMatrix.State.SILENT, matrix.pair(a.publicKey(), b.publicKey()).orElseThrow().state());
        assertEquals(MeshMatrix.State.NEVER, matrix.pair(b.publicKey(), c.publicKey()).orElseThrow().state());
        assertEquals(MeshMatrix.State.NO_TUNNEL, matrix.pair(c.publicKey(), b.publicKey()).orElseThrow().state());
        List<String> lines = MatrixText.lines(HealthBodies.MatrixBody.of(matrix));
        assertEquals("from \\ to alpha     bravo     charlie", lines.get(0));
        assertEquals("bravo     1s~       -         never", lines.get(2));
        assertTrue(lines.get(4).startsWith("2 of 6 directed pairs fresh"), lines.get(4));
    }

    @Test
    void aTunnelBabeldHearsNoUsableNeighbourOnIsStaleAtOnceWhateverItsHandshakeAge() {
        OptionalInt heard = OptionalInt.of(96);
        OptionalInt unreachable = OptionalInt.of(PeerHealth.BABELD_UNREACHABLE);
        List<NodeStatus> statuses = List.of(
                status(a, 0, tunnel(b, 20, unreachable, 0, 0), tunnel(c, 20, heard, 0, 0)),
                status(b, 0, tunnel(a, 20, unreachable, 0, 0), tunnel(c, 20, heard, 0, 0)),
                status(c, 0, tunnel(a, 20, heard, 0, 0), tunnel(b, 20, heard, 0, 0)));

        MeshMatrix matrix = MeshMatrix.of(statuses, NOW);

        MeshMatrix.Pair ab = matrix.pair(a.publicKey(), b.publicKey()).orElseThrow();
        assertEquals(MeshMatrix.State.STALE, ab.state());
        assertEquals(OptionalLong.of(20), ab.handshakeAgeSeconds(), "the handshake age is still shown");
        assertEquals("babeld has no usable neighbour on r4xbravo", ab.reason());
        assertEquals(MeshMatrix.State.STALE, matrix.pair(b.publicKey(), a.publicKey()).orElseThrow().state());
        assertEquals(4, matrix.pairs().stream().filter(p -> p.state() == MeshMatrix.State.FRESH && p.reason().isEmpty()).count(),
                matrix.pairs().toString());
    }

    @Test
    void whenThePeerKeepsTheTunnelAliveAnRxCounterStandingStillLongerThanTheKeepalivePlusSlackIsStale() {
        long limit = 5 + MeshMatrix.KEEPALIVE_SLACK.toSeconds();
        List<NodeStatus> statuses = List.of(
                status(a, 0, tunnel(b, 30, OptionalInt.empty(), 5, limit + 1), tunnel(c, 30, OptionalInt.empty(), 5, limit)),
                status(b, 0, tunnel(a, 30, OptionalInt.empty(), 5, 0), tunnel(c, 30, OptionalInt.empty(), 5, 1)),
                status(c, 0, tunnel(a, 30, OptionalInt.empty(), 5, 0), tunnel(b, 30, OptionalInt.empty(), 5, 2)));

        MeshMatrix matrix = MeshMatrix.of(statuses, NOW);

        MeshMatrix.Pair ab = matrix.pair(a.publicKey(), b.publicKey()).orElseThrow();
        assertEquals(MeshMatrix.State.STALE, ab.state());
        assertEquals("nothing received for " + (limit + 1) + " s though bravo keeps it alive every 5 s", ab.reason());
        assertTrue(matrix.pair(b.publicKey(), a.publicKey()).orElseThrow().asymmetric(), "b still hears a");
        assertEquals(MeshMatrix.State.FRESH, matrix.pair(a.publicKey(), c.publicKey()).orElseThrow().state(), "at the limit, not beyond");
    }

    @Test
    void aStalePairsReasonNamesEveryRuleItsTunnelMeets() {
        List<NodeStatus> statuses = List.of(
                status(a, 0, tunnel(b, 200, OptionalInt.of(PeerHealth.BABELD_UNREACHABLE), 0, 9)),
                status(b, 0, tunnel(a, 1, OptionalInt.of(96), 3, 0)));

        MeshMatrix.Pair ab = MeshMatrix.of(statuses, NOW).pair(a.publicKey(), b.publicKey()).orElseThrow();

        assertEquals("no handshake for 200 s (more than 180 s), babeld has no usable neighbour on r4xbravo,"
                + " nothing received for 9 s though bravo keeps it alive every 3 s", ab.reason());
    }

    @Test
    void anRxCounterStandingStillMeansNothingWhenThePeerSendsNoKeepaliveOrHasNoEndpointToSendItTo() {
        PeerHealth noEndpoint = new PeerHealth(a.publicKey(), "r4xalpha", OptionalLong.of(30), 100, 100, Optional.empty(), OptionalInt.empty(),
                5, OptionalLong.of(0));
        List<NodeStatus> statuses = List.of(
                status(a, 0, tunnel(b, 30, OptionalInt.empty(), 0, 100), tunnel(c, 30, OptionalInt.empty(), 0, 100)),
                status(b, 0, tunnel(a, 30, OptionalInt.empty(), 0, 100), tunnel(c, 30, OptionalInt.empty(), 0, 100)),
                status(c, 0, noEndpoint, tunnel(b, 30, OptionalInt.empty(), 0, 100)));

        MeshMatrix matrix = MeshMatrix.of(statuses, NOW);

        assertTrue(matrix.pairs().stream().allMatch(p -> p.state() == MeshMatrix.State.FRESH), matrix.pairs().toString());
    }

    @Test
    void aPairWithTwoTunnelsIsFreshWhileOneIsAndStaleSaysWhyForEach() {
        PeerHealth ip4 = tunnel(b, 200);
        PeerHealth ip6 = new PeerHealth(b.publicKey(), "r6xbravo", OptionalLong.of(10), 100, 100, Optional.of("[2001:db8::2]:5"),
                OptionalInt.of(PeerHealth.BABELD_UNREACHABLE), 0, OptionalLong.of(0));
        PeerHealth ip6Heard = new PeerHealth(b.publicKey(), "r6xbravo", OptionalLong.of(10), 100, 100, Optional.of("[2001:db8::2]:5"),
                OptionalInt.of(96), 0, OptionalLong.of(0));

        MeshMatrix bothStale = MeshMatrix.of(List.of(status(a, 0, ip4, ip6), status(b, 0, tunnel(a, 1))), NOW);
        MeshMatrix oneFresh = MeshMatrix.of(List.of(status(a, 0, ip4, ip6Heard), status(b, 0, tunnel(a, 1))), NOW);

        MeshMatrix.Pair stale = bothStale.pair(a.publicKey(), b.publicKey()).orElseThrow();
        assertEquals(MeshMatrix.State.STALE, stale.state());
        assertEquals("r4xbravo: no handshake for 200 s (more than 180 s); r6xbravo: babeld has no usable neighbour on r6xbravo", stale.reason());
        assertEquals(OptionalLong.of(10), stale.handshakeAgeSeconds(), "the freshest handshake");
        assertEquals(MeshMatrix.State.FRESH, oneFresh.pair(a.publicKey(), b.publicKey()).orElseThrow().state());
        List<String> lines = MatrixText.lines(HealthBodies.MatrixBody.of(bothStale));
        assertEquals("! alpha -> bravo: " + stale.reason(), lines.get(lines.size() - 1));
    }

    private static Node node(String name, NodeState state) {
        WgKey key = X25519.publicKey(X25519.generatePrivateKey());
        return new Node(key, name, List.of(), state, NOW.minusSeconds(3600), NOW.minusSeconds(3600), 0);
    }

    private static PeerHealth tunnel(Node to, long handshakeAge) {
        return tunnel(to, handshakeAge, OptionalInt.empty(), 0, 0);
    }

    /** A tunnel to {@code to} with babeld's cost, the tunnel's keepalive and how long its rx counter stood still. */
    private static PeerHealth tunnel(Node to, long handshakeAge, OptionalInt babeldCost, int keepalive, long rxIdle) {
        return new PeerHealth(to.publicKey(), "r4x" + to.name(), OptionalLong.of(handshakeAge), 100, 100, Optional.of("192.0.2.1:5"),
                babeldCost, keepalive, OptionalLong.of(rxIdle));
    }

    private static NodeStatus status(Node node, long reportAge, PeerHealth... tunnels) {
        HealthReport report = new HealthReport("0.1.0", OptionalLong.of(7), new HealthReport.LastPass("fresh", "applied", "", 1), 60,
                new ArrayList<>(List.of(tunnels)));
        return NodeStatus.of(node, Optional.of(new StoredReport(node.publicKey(), NOW.minusSeconds(reportAge), 1,
                new String(HealthReportJson.write(report), StandardCharsets.UTF_8))), NOW);
    }
}
