package org.rait.agent;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rait.state.CachedSnapshot;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pass beyond refusals: applying, caching, the removal guard, starting from the cache, trust settings. */
class AgentPassTest {
    @RegisterExtension
    static WireMockExtension registry = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path stateDir;

    private final Registry signer = new Registry();

    private Node node(String url) {
        return new Node(url, List.of(signer.publicKey().render()), true, stateDir, new FakeTunnels());
    }

    @Test
    void aFreshSnapshotIsAppliedCachedAndBecomesTheRollbackFloor() {
        Registry.Signed s = signer.sign(Registry.peers(1, 2), 3);
        publish(s);
        try (Node n = node(registry.baseUrl() + "/peers.conf")) {
            PassReport report = n.pass();

            assertTrue(report.applied(), report.toString());
            assertEquals(Set.of("node1", "node2"), n.tunnels.peerNames());
            assertEquals(OptionalLong.of(3), n.state.highestSerial());
            assertEquals(s.signature(), n.state.snapshot().orElseThrow().signature().orElseThrow());
            assertTrue(n.agent.metrics().render().contains("rait_snapshot_serial 3"), n.agent.metrics().render());
        }
    }

    @Test
    void aSendPortConflictInTheListIsLoggedAndCountedInStatusAndMetrics() {
        publish(signer.sign(Registry.peers(1, 2), 1));
        try (Node n = node(registry.baseUrl() + "/peers.conf")) {
            assertTrue(n.pass().applied());
            org.rait.peers.Peer taker = new org.rait.peers.Peer(Registry.peer(3).publicKey(), "taker", Registry.peer(1).endpoints());
            java.util.List<org.rait.peers.Peer> peers = new java.util.ArrayList<>(List.of(taker));
            peers.addAll(Registry.peers(1, 2).peers());
            publish(signer.sign(new org.rait.peers.PeerList(peers), 2));

            PassReport report = n.pass();

            assertTrue(report.applied(), report.toString());
            assertEquals(1, n.agent.metrics().sendPortConflicts());
            assertTrue(n.agent.metrics().render().contains("rait_send_port_conflicts 1"), n.agent.metrics().render());
            List<String> conflicts = n.state.conflicts();
            assertEquals(1, conflicts.size(), conflicts.toString());
            assertTrue(conflicts.get(0).contains("send_port=50001"), conflicts.get(0));
            assertTrue(n.log().contains("event=send_port_conflict"), n.log());
        }
    }

    @Test
    void aSnapshotRemovingThreeOfFourPeersIsHeldBackUntilForced() {
        publish(signer.sign(Registry.peers(1, 2, 3, 4), 1));
        try (Node n = node(registry.baseUrl() + "/peers.conf")) {
            assertTrue(n.pass().applied());
            publish(signer.sign(Registry.peers(1), 2));

            PassReport held = n.pass();

            assertTrue(held.held(), held.toString());
            assertTrue(held.detail().contains("removed_peers=3 current_peers=4"), held.detail());
            assertEquals(Set.of("node1", "node2", "node3", "node4"), n.tunnels.peerNames(), "nothing removed");
            assertEquals(OptionalLong.of(2), n.state.highestSerial(), "serial 2 was verified: the floor rises");
            assertTrue(new String(n.state.snapshot().orElseThrow().body(), StandardCharsets.UTF_8).contains("node4"),
                    "the cache keeps the applied serial 1");
            assertTrue(n.log().contains("event=held"), n.log());
            assertTrue(n.pass().held(), "still held at the next pass: it waits for an operator");
            assertEquals("held", n.state.lastPass().orElseThrow().action(), "rait status shows the hold");

            PassReport forced = n.passForced();

            assertTrue(forced.applied(), forced.toString());
            assertEquals(Set.of("node1"), n.tunnels.peerNames());
            assertEquals(3, forced.recap().orElseThrow().removed());
        }
    }

    @Test
    void removingHalfOfThePeersIsNotHeldWithTheDefaultShare() {
        publish(signer.sign(Registry.peers(1, 2, 3, 4), 1));
        try (Node n = node(registry.baseUrl() + "/peers.conf")) {
            n.pass();
            publish(signer.sign(Registry.peers(1, 2), 2));

            assertTrue(n.pass().applied());
            assertEquals(Set.of("node1", "node2"), n.tunnels.peerNames());
        }
    }

    @Test
    void aRestartWhileTheRegistryIsDownComesUpOnTheCachedSnapshot() throws IOException {
        publish(signer.sign(Registry.peers(1, 2, 3), 9));
        try (Node before = node(registry.baseUrl() + "/peers.conf")) {
            assertTrue(before.pass().applied());
        }
        try (Node after = node(unreachableUrl())) {
            PassReport start = after.start();

            assertTrue(start.applied(), start.toString());
            assertEquals(PassReport.News.CACHE, start.news());
            assertEquals(Set.of("node1", "node2", "node3"), after.tunnels.peerNames());

            PassReport next = after.pass();

            assertEquals(PassReport.News.UNREACHABLE, next.news());
            assertTrue(next.applied(), "reconciled to the cached snapshot");
            assertEquals(Set.of("node1", "node2", "node3"), after.tunnels.peerNames());
        }
    }

    @Test
    void aTamperedCacheIsRefusedAtStartAndTheTunnelsAreLeftAlone() throws IOException {
        publish(signer.sign(Registry.peers(1, 2, 3), 9));
        try (Node before = node(registry.baseUrl() + "/peers.conf")) {
            before.pass();
        }
        CachedSnapshot cached = before().orElseThrow();
        String forged = new String(cached.body(), StandardCharsets.UTF_8).replace("node3", "evil3");
        new org.rait.state.StateDirectory(stateDir).storeSnapshot(new CachedSnapshot(cached.url(),
                forged.getBytes(StandardCharsets.UTF_8), cached.signature(), cached.etag(), cached.acceptedAt()));
        FakeTunnels kernel = new FakeTunnels();
        kernel.preinstall(Registry.peers(1, 2, 3));
        try (Node after = new Node(unreachableUrl(), List.of(signer.publicKey().render()), true, stateDir, kernel)) {
            PassReport start = after.start();

            assertEquals(PassReport.News.REFUSED, start.news());
            assertTrue(after.log().contains("reason=bad_signature"), after.log());
            PassReport next = after.pass();
            assertEquals(PassReport.Action.NOTHING, next.action(), "no verified snapshot: never reconcile to nothing");
            assertEquals(0, kernel.writes());
            assertEquals(Set.of("node1", "node2", "node3"), kernel.peerNames());
        }
    }

    @Test
    void withNoSnapshotYetAnUnreachableRegistryLeavesExistingTunnelsUp() throws IOException {
        FakeTunnels kernel = new FakeTunnels();
        kernel.preinstall(Registry.peers(1, 2));
        try (Node n = new Node(unreachableUrl(), List.of(signer.publicKey().render()), true, stateDir, kernel)) {
            assertEquals(PassReport.Action.NOTHING, n.start().action());
            PassReport report = n.pass();

            assertEquals(PassReport.News.UNREACHABLE, report.news());
            assertEquals(PassReport.Action.NOTHING, report.action());
            assertEquals(Set.of("node1", "node2"), kernel.peerNames());
            assertEquals(0, kernel.writes());
        }
    }

    @Test
    void aRemoteListWithoutAPinnedKeyIsRefusedBeforeAnythingIsFetched() {
        UntrustedSource e = assertThrows(UntrustedSource.class,
                () -> new Node(registry.baseUrl() + "/peers.conf", List.of(), true, stateDir, new FakeTunnels()));
        assertTrue(e.getMessage().contains("trusted_keys"), e.getMessage());
        assertEquals(0, registry.getAllServeEvents().size());
    }

    @Test
    void withVerificationOffAnUnsignedRemoteListIsAppliedWithAWarningAtEveryPass() {
        registry.stubFor(get("/peers.conf").willReturn(ok().withBody(Registry.body(Registry.peers(1, 2)))));
        try (Node n = new Node(registry.baseUrl() + "/peers.conf", List.of(), false, stateDir, new FakeTunnels())) {
            assertTrue(n.pass().applied());
            n.pass();

            assertEquals(Set.of("node1", "node2"), n.tunnels.peerNames());
            assertEquals(2, n.log().split("level=warn ", -1).length - 1, n.log());
            assertTrue(n.log().contains("verify = false"));
        }
    }

    @Test
    void aLocalFileIsAppliedUnsignedAndReadAgainAtEveryPass() throws IOException {
        Path peers = stateDir.resolve("peers.conf");
        Files.write(peers, Registry.body(Registry.peers(1, 2)));
        try (Node n = new Node(peers.toString(), List.of(), true, stateDir.resolve("state"), new FakeTunnels())) {
            assertTrue(n.pass().applied());
            Files.write(peers, Registry.body(Registry.peers(1, 2, 3)));
            assertTrue(n.pass().applied());

            assertEquals(Set.of("node1", "node2", "node3"), n.tunnels.peerNames());
            assertFalse(n.log().contains("level=warn "), n.log());
        }
    }

    private java.util.Optional<CachedSnapshot> before() {
        return new org.rait.state.StateDirectory(stateDir).snapshot();
    }

    @Test
    void everyPassLogsItsDurationAndPhasesInItsLineAndExportsThemAsHistograms() throws Exception {
        publish(signer.sign(Registry.peers(1, 2), 1));
        try (Node n = node(registry.baseUrl() + "/peers.conf")) {
            assertTrue(n.pass().applied());

            String line = n.log().lines().filter(l -> l.contains("event=recap")).findFirst().orElseThrow();
            assertTrue(line.matches(".* news=fresh serial=1 ok=2 changed=2 failed=0 removed=0 observed=full kernel_requests=0"
                    + " duration_ms=[0-9.]+ fetch_ms=[0-9.]+ verify_ms=[0-9.]+ parse_ms=[0-9.]+ resolve_ms=[0-9.]+ observe_ms=[0-9.]+"
                    + " plan_ms=[0-9.]+ apply_ms=[0-9.]+ babeld_ms=[0-9.]+ after_apply_ms=[0-9.]+"), line);
            String exposition = n.agent.metrics().render();
            assertTrue(exposition.contains("rait_pass_duration_seconds_count 1\n"), exposition);
            for (String phase : List.of("fetch", "verify", "parse", "resolve", "observe", "plan", "apply", "babeld", "after_apply")) {
                assertTrue(exposition.contains("rait_pass_phase_duration_seconds_count{phase=\"" + phase + "\"} 1\n"), phase + " in\n" + exposition);
            }
            assertEquals("", org.rait.testing.Promtool.check(exposition));
        }
    }

    private void publish(Registry.Signed s) {
        registry.stubFor(get("/peers.conf").willReturn(ok().withBody(s.body()).withHeader("ETag", "\"" + s.serial() + "\"")
                .withHeader("X-Rait-Serial", Long.toString(s.serial()))));
        registry.stubFor(get("/peers.conf.minisig").willReturn(ok().withBody(s.signature())));
    }

    /** A URL on a port where nothing listens (the registry is down). */
    private static String unreachableUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/peers.conf";
        }
    }
}
