package org.rait.agent;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rait.state.StateDirectory;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `peers` as a list of URLs (registries and mirrors of the same signed snapshots). */
class PeerUrlListTest {
    @RegisterExtension
    static WireMockExtension first = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    @RegisterExtension
    static WireMockExtension second = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path stateDir;

    private final Registry signer = new Registry();

    private Node node(String... urls) {
        return new Node(String.join(" ", urls), List.of(signer.publicKey().render()), true, stateDir, new FakeTunnels());
    }

    @Test
    void anAgentWhoseFirstUrlIsDeadConvergesThroughTheSecondInOnePass() throws IOException {
        publish(second, signer.sign(Registry.peers(1, 2), 4));
        warmUp(second);
        for (int pass = 0; pass < 5; pass++) {
            // Whatever order the pass picks, one pass is enough.
            try (Node n = new Node(unreachableUrl() + " " + second.baseUrl() + "/peers.conf", List.of(signer.publicKey().render()),
                    true, stateDir.resolve("run" + pass), new FakeTunnels())) {
                PassReport report = n.pass();

                assertTrue(report.applied(), report + "\n" + n.log());
                assertEquals(Set.of("node1", "node2"), n.tunnels.peerNames());
                assertEquals(second.baseUrl() + "/peers.conf", n.state.snapshot().orElseThrow().url(), "rait status names the URL");
            }
        }
    }

    @Test
    void aMirrorServingAnOlderSerialIsSkippedAndNotedNeverARollback() {
        publish(first, signer.sign(Registry.peers(1, 2, 3), 7));
        try (Node n = node(first.baseUrl() + "/peers.conf", second.baseUrl() + "/peers.conf")) {
            assertTrue(n.pass().applied(), "serial 7 from the first URL (the mirror has nothing yet)\n" + n.log());
            publish(second, signer.sign(Registry.peers(1), 5));
            for (int pass = 0; pass < 8; pass++) {
                PassReport report = n.pass();
                assertFalse(report.toString().contains("refused"), report.toString());
                assertEquals(Set.of("node1", "node2", "node3"), n.tunnels.peerNames(), "never the older serial 5");
            }
            assertEquals(OptionalLong.of(7), n.state.highestSerial());
            Map<String, String> last = n.state.sources().stream()
                    .collect(Collectors.toMap(StateDirectory.SourceResult::url, StateDirectory.SourceResult::result));
            assertEquals(Set.of(first.baseUrl() + "/peers.conf", second.baseUrl() + "/peers.conf"), last.keySet());
            assertTrue(n.log().contains("event=mirror_stale source=" + second.baseUrl() + "/peers.conf"), n.log());
            // the Prometheus client writes labels in name order: result before url
            assertTrue(n.agent.metrics().render().lines().anyMatch(l -> l.startsWith("rait_peers_source_last_result{")
                            && l.contains("url=\"" + first.baseUrl() + "/peers.conf\"")), n.agent.metrics().render());
        }
    }

    @Test
    void eachUrlIsAskedWithItsOwnEtagSoAnUnchangedMirrorAnswers304() {
        Registry.Signed s = signer.sign(Registry.peers(1), 3);
        publish(first, s, "\"registry-3\"");
        publish(second, s, "\"5f3a-1c2\"");
        try (Node n = node(first.baseUrl() + "/peers.conf", second.baseUrl() + "/peers.conf")) {
            for (int pass = 0; pass < 6; pass++) n.pass();

            long bodies = first.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == 200
                    && e.getRequest().getUrl().equals("/peers.conf")).count()
                    + second.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == 200
                    && e.getRequest().getUrl().equals("/peers.conf")).count();
            assertTrue(bodies <= 2, bodies + " full bodies in 6 passes: at most one per URL\n" + n.log() + "\n" + requests(first) + requests(second));
        }
    }

    private static void publish(WireMockExtension server, Registry.Signed s) {
        publish(server, s, "\"" + s.serial() + "\"");
    }

    /** Like a registry or nginx: 304 for its own ETag, else the body; each server has ETags of its own. */
    private static void publish(WireMockExtension server, Registry.Signed s, String etag) {
        server.stubFor(get("/peers.conf").withHeader("If-None-Match", equalTo(etag)).atPriority(1).willReturn(aResponse().withStatus(304)));
        server.stubFor(get("/peers.conf").atPriority(5).willReturn(ok().withBody(s.body()).withHeader("ETag", etag)
                .withHeader("X-Rait-Serial", Long.toString(s.serial()))));
        server.stubFor(get("/peers.conf.minisig").willReturn(ok().withBody(s.signature())));
    }

    /** A first request to a cold WireMock on a loaded machine can outlast the quick test timeouts. */
    private static void warmUp(WireMockExtension server) throws IOException {
        try (var in = java.net.URI.create(server.baseUrl() + "/peers.conf.minisig").toURL().openStream()) {
            in.readAllBytes();
        }
    }

    private static String requests(WireMockExtension server) {
        return server.getAllServeEvents().stream().map(e -> server.getPort() + " " + e.getRequest().getUrl() + " "
                + e.getRequest().getHeader("If-None-Match") + " -> " + e.getResponse().getStatus() + "\n").collect(Collectors.joining());
    }

    private static String unreachableUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/peers.conf";
        }
    }
}
