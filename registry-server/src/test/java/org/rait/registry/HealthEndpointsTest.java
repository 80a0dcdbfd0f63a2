package org.rait.registry;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rait.health.HealthReport;
import org.rait.health.PeerHealth;
import org.rait.keys.WgKey;
import org.rait.registration.RegistrationClient;
import org.rait.registration.RegistrationFailed;
import org.rait.testing.Promtool;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nodes report through the real client; admins and monitoring read it back over HTTPS. */
class HealthEndpointsTest {
    @TempDir
    Path dir;
    RunningRegistry registry;
    TestNode alpha = new TestNode("alpha", 50600);
    TestNode bravo = new TestNode("bravo", 50601);
    RegistrationClient client;
    WgKey registryKey;

    @BeforeEach
    void twoApprovedNodes() throws Exception {
        registry = RunningRegistry.start(dir.resolve("data"));
        registryKey = registry.registrationKey();
        for (TestNode node : List.of(alpha, bravo)) {
            try (Response response = node.register(registry, registryKey, null)) {
                assertEquals(201, response.code());
            }
            registry.adminJson("POST", "/v1/admin/nodes/" + RunningRegistry.keyPath(node.key()) + "/approve", null);
        }
        client = new RegistrationClient("https://127.0.0.1:" + registry.server.port(), Optional.of(registry.server.tls().pin()),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void reportedNodesAreOnlineWithTheirSerialAndVersionAndTheMatrixShowsTheirHandshakes() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        client.report(alpha.prover, registryKey, report(7, bravo.key(), 4), now);
        client.report(bravo.prover, registryKey, report(7, alpha.key(), 9), now);

        JsonNode nodes = registry.adminJson("GET", "/v1/admin/nodes", null);
        for (JsonNode node : nodes) {
            assertTrue(node.get("online").asBoolean(), node.toString());
            assertEquals(7, node.get("applied_serial").asLong());
            assertEquals("0.1.0-test", node.get("version").asText());
        }
        JsonNode matrix = registry.adminJson("GET", "/v1/admin/health", null);
        assertEquals(List.of("alpha", "bravo"), List.of(matrix.get("nodes").get(0).asText(), matrix.get("nodes").get(1).asText()));
        for (JsonNode pair : matrix.get("pairs")) {
            assertEquals("fresh", pair.get("state").asText(), pair.toString());
        }
    }

    @Test
    void aReplayedReportIsRefusedAndANodeWithoutARegistrationCannotReport() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        client.report(alpha.prover, registryKey, report(7, bravo.key(), 4), now);

        RegistrationFailed replay = assertThrows(RegistrationFailed.class, () -> client.report(alpha.prover, registryKey, report(7, bravo.key(), 4), now));
        assertTrue(replay.getMessage().contains("(401)") && replay.getMessage().contains("replay"), replay.getMessage());
        TestNode stranger = new TestNode("stranger", 50602);
        RegistrationFailed unknown = assertThrows(RegistrationFailed.class, () -> client.report(stranger.prover, registryKey, report(1, alpha.key(), 1), now));
        assertTrue(unknown.getMessage().contains("(404)"), unknown.getMessage());
    }

    @Test
    void healthzSaysTheStoreAndTheSigningKeyWork() throws Exception {
        try (Response response = registry.get("/healthz", Map.of())) {
            assertEquals(200, response.code());
            JsonNode body = RunningRegistry.MAPPER.readTree(response.body().string());
            assertEquals("ok", body.get("checks").get("store").asText());
            assertEquals("ok", body.get("checks").get("signing_key").asText());
        }
    }

    @Test
    void metricsCountNodesByStateReportingNodesRegistrationsAndCurationAndPassPromtool() throws Exception {
        client.report(alpha.prover, registryKey, report(7, bravo.key(), 4), System.currentTimeMillis() / 1000);
        String body;
        try (Response response = registry.get("/metrics", Map.of())) {
            assertEquals(200, response.code());
            assertTrue(response.header("Content-Type").startsWith("text/plain; version=0.0.4"));
            body = response.body().string();
        }
        for (String line : new String[] {
                "rait_registry_nodes{state=\"approved\"} 2.0",
                "rait_registry_nodes{state=\"pending\"} 0.0",
                "rait_registry_nodes_reporting 1.0",
                "rait_registry_registrations_total{action=\"register\"} 2.0",
                "rait_registry_curation_actions_total{action=\"approve\",actor=\"admin\"} 2.0",
                "rait_registry_snapshot_serial 3.0"}) {
            assertTrue(body.contains(line + "\n"), "missing '" + line + "' in\n" + body);
        }
        assertTrue(body.contains("rait_registry_node_report_age_seconds{node=\"alpha\",state=\"approved\"} "), body);
        assertTrue(body.contains("rait_registry_requests_total{method=\"POST\",route=\"/v1/reports\",status=\"204\"} 1.0\n"), body);
        assertEquals("", Promtool.check(body));
    }

    private static HealthReport report(long serial, WgKey peer, long handshakeAge) {
        return new HealthReport("0.1.0-test", OptionalLong.of(serial), new HealthReport.LastPass("fresh", "applied", "", 1), 60,
                List.of(new PeerHealth(peer, "r4x1", OptionalLong.of(handshakeAge), 10, 20, Optional.of("192.0.2.1:50600"), OptionalInt.empty(), 0,
                        OptionalLong.of(0))));
    }
}
