package org.rait.metrics;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsServerTest {
    @Test
    void servesPrometheusTextWithFetchOutcomesRefusalsSerialTunnelsAndApplyDurations() throws Exception {
        AgentMetrics metrics = new AgentMetrics();
        metrics.fetchAttempt("changed");
        metrics.fetchAttempt("timeout");
        metrics.fetchAttempt("timeout");
        metrics.refusal("rollback");
        metrics.pass("fresh", "applied");
        metrics.snapshot(17, 1_800_000_000L);
        metrics.tunnels(Map.of("ok", 3L, "failed", 1L));
        metrics.applyDuration(0.07);

        try (MetricsServer server = MetricsServer.start("127.0.0.1:0", metrics)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.address().getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            String body = response.body();
            for (String line : new String[] {
                    "rait_fetch_attempts_total{outcome=\"timeout\"} 2",
                    "rait_fetch_attempts_total{outcome=\"changed\"} 1",
                    "rait_snapshot_refusals_total{reason=\"rollback\"} 1",
                    "rait_agent_passes_total{news=\"fresh\",action=\"applied\"} 1",
                    "rait_snapshot_serial 17",
                    "rait_tunnels{state=\"failed\"} 1",
                    "rait_apply_duration_seconds_bucket{le=\"0.05\"} 0",
                    "rait_apply_duration_seconds_bucket{le=\"0.1\"} 1",
                    "rait_apply_duration_seconds_count 1"}) {
                assertTrue(body.contains(line + "\n"), "missing '" + line + "' in\n" + body);
            }
        }
    }

    @Test
    void refusesToListenBeyondLoopback() {
        assertThrows(IllegalArgumentException.class, () -> MetricsServer.start("0.0.0.0:9100", new AgentMetrics()));
    }
}
