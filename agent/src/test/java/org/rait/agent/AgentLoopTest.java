package org.rait.agent;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rait.log.EventLog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentLoopTest {
    @RegisterExtension
    static WireMockExtension registry = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path stateDir;

    private final Registry signer = new Registry();

    @Test
    void anInterfaceDeletedByHandIsPutBackByARepairPassThatAsksTheRegistryNothing() throws Exception {
        Registry.Signed s = signer.sign(Registry.peers(1, 2, 3), 1);
        registry.stubFor(get("/peers.conf").willReturn(ok().withBody(s.body())));
        registry.stubFor(get("/peers.conf.minisig").willReturn(ok().withBody(s.signature())));
        try (Node node = new Node(registry.baseUrl() + "/peers.conf", List.of(signer.publicKey().render()), true, stateDir,
                new FakeTunnels())) {
            AgentLoop loop = new AgentLoop(node.agent.pass(), node.agent.trust(), Duration.ofHours(1), 0.1,
                    Duration.ofMillis(50), EventLog.quiet());
            Thread agent = new Thread(loop::run, "agent-under-test");
            agent.start();
            awaitTrue(() -> loop.passes() == 1, "the first fetching pass");
            assertEquals(Set.of("node1", "node2", "node3"), node.tunnels.peerNames());

            node.tunnels.deleteByHand("node2");
            for (int i = 0; i < 5; i++) loop.linkChanged();
            awaitTrue(() -> loop.passes() == 2, "one repair pass for the burst of link events");

            assertEquals(Set.of("node1", "node2", "node3"), node.tunnels.peerNames());
            assertEquals(1, registry.findAll(getRequestedFor(urlEqualTo("/peers.conf"))).size(),
                    "the repair pass did not fetch");
            loop.stop();
            agent.join(5000);
            assertFalse(agent.isAlive(), "stop ends the loop");
            assertEquals(Set.of("node1", "node2", "node3"), node.tunnels.peerNames(), "stopping leaves the tunnels up");
            assertEquals(2, loop.passes());
        }
    }

    @Test
    void theLoopStartsFromTheCacheAndKeepsPollingAnUnreachableRegistry() throws Exception {
        Registry.Signed s = signer.sign(Registry.peers(1, 2), 4);
        registry.stubFor(get("/peers.conf").willReturn(ok().withBody(s.body())));
        registry.stubFor(get("/peers.conf.minisig").willReturn(ok().withBody(s.signature())));
        try (Node first = new Node(registry.baseUrl() + "/peers.conf", List.of(signer.publicKey().render()), true, stateDir,
                new FakeTunnels())) {
            first.pass();
        }
        registry.stubFor(get("/peers.conf").willReturn(com.github.tomakehurst.wiremock.client.WireMock.serverError()));
        try (Node node = new Node(registry.baseUrl() + "/peers.conf", List.of(signer.publicKey().render()), true, stateDir,
                new FakeTunnels())) {
            AgentLoop loop = new AgentLoop(node.agent.pass(), node.agent.trust(), Duration.ofMillis(100), 0.2,
                    Duration.ofMillis(50), EventLog.quiet());
            Thread agent = new Thread(loop::run, "agent-under-test");
            agent.start();
            awaitTrue(() -> loop.passes() >= 3, "three fetching passes");
            loop.stop();
            agent.join(5000);

            assertEquals(Set.of("node1", "node2"), node.tunnels.peerNames(), "came up on the cached snapshot");
            assertTrue(registry.findAll(getRequestedFor(urlEqualTo("/peers.conf"))).size() >= 3 * Node.QUICK.maxAttempts(),
                    "kept retrying");
        }
    }

    @Test
    void everyPassIsReportedToEachListenerThatTellsSystemdOrTheRegistry() throws Exception {
        Registry.Signed s = signer.sign(Registry.peers(1, 2), 4);
        registry.stubFor(get("/peers.conf").willReturn(ok().withBody(s.body())));
        registry.stubFor(get("/peers.conf.minisig").willReturn(ok().withBody(s.signature())));
        try (Node node = new Node(registry.baseUrl() + "/peers.conf", List.of(signer.publicKey().render()), true, stateDir,
                new FakeTunnels())) {
            AgentLoop loop = new AgentLoop(node.agent.pass(), node.agent.trust(), Duration.ofMillis(100), 0.2,
                    Duration.ofMillis(50), EventLog.quiet());
            java.util.List<PassReport> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.List<Set<String>> tunnelsWhenHeard = new java.util.concurrent.CopyOnWriteArrayList<>();
            loop.afterEachPass(report -> tunnelsWhenHeard.add(node.tunnels.peerNames()));
            loop.afterEachPass(heard::add);
            Thread agent = new Thread(loop::run, "agent-under-test");
            agent.start();
            awaitTrue(() -> loop.passes() >= 2, "two passes");
            loop.stop();
            agent.join(5000);

            assertTrue(heard.size() >= 3, "the start from the cache and one report per pass: " + heard);
            assertEquals(Set.of(), tunnelsWhenHeard.get(0), "the first report is the start from an empty cache");
            assertEquals(Set.of("node1", "node2"), tunnelsWhenHeard.get(1), "the next comes after the first fetch applied");
        }
    }

    @Test
    void aRetryAfterLongerThanTheCapIsHonouredUpToTheCapAndPollingGoesOn() throws Exception {
        registry.stubFor(get("/peers.conf").willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                .withStatus(503).withHeader("Retry-After", "3")));
        try (Node node = new Node(registry.baseUrl() + "/peers.conf", List.of(signer.publicKey().render()), true, stateDir,
                new FakeTunnels())) {
            AgentLoop loop = new AgentLoop(node.agent.pass(), node.agent.trust(), Duration.ofMillis(50), 0.2,
                    Duration.ofMillis(50), EventLog.quiet());
            Thread agent = new Thread(loop::run, "agent-under-test");
            agent.start();
            awaitTrue(() -> loop.passes() >= 2, "two passes");
            loop.stop();
            agent.join(5000);

            List<java.time.Instant> times = registry.getAllServeEvents().stream()
                    .map(e -> e.getRequest().getLoggedDate().toInstant()).sorted().toList();
            assertTrue(times.size() >= 2, "3 s is beyond the cap (the 2 s longest backoff): asked again after the cap");
            long cap = Node.QUICK.retryAfterCap().toMillis();
            assertEquals(2000, cap);
            for (int i = 1; i < times.size(); i++) {
                long gap = Duration.between(times.get(i - 1), times.get(i)).toMillis();
                assertTrue(gap >= cap, "request " + (i + 1) + " came " + gap + " ms after the one before, though the interval is 50 ms");
            }
        }
    }

    @Test
    void aRepairAfterALinkEventDoesNotWaitForAFetchThatHangs() throws Exception {
        Registry.Signed s = signer.sign(Registry.peers(1, 2), 4);
        registry.stubFor(get("/peers.conf").willReturn(ok().withBody(s.body())));
        registry.stubFor(get("/peers.conf.minisig").willReturn(ok().withBody(s.signature())));
        try (Node node = new Node(registry.baseUrl() + "/peers.conf", List.of(signer.publicKey().render()), true, stateDir,
                new FakeTunnels())) {
            AgentLoop loop = new AgentLoop(node.agent.pass(), node.agent.trust(), Duration.ofMillis(300), 0.0,
                    Duration.ofMillis(50), EventLog.quiet());
            java.util.List<PassReport> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            loop.afterEachPass(heard::add);
            Thread agent = new Thread(loop::run, "agent-under-test");
            agent.start();
            awaitTrue(() -> heard.stream().anyMatch(PassReport::applied), "the first fetch applied");
            // From now on the registry accepts and answers only after 20 s (longer than the test waits).
            registry.stubFor(get("/peers.conf").willReturn(ok().withBody(s.body()).withFixedDelay(20_000)));
            int asked = registry.findAll(getRequestedFor(urlEqualTo("/peers.conf"))).size();
            awaitTrue(() -> registry.findAll(getRequestedFor(urlEqualTo("/peers.conf"))).size() > asked, "a fetch hangs");

            loop.linkChanged();
            awaitTrue(() -> heard.stream().anyMatch(r -> r.news() == PassReport.News.DRIFT), "a repair pass");

            assertTrue(heard.stream().filter(r -> r.news() == PassReport.News.DRIFT).allMatch(PassReport::applied), heard.toString());
            assertEquals(asked + 1, registry.findAll(getRequestedFor(urlEqualTo("/peers.conf"))).size(),
                    "the repair came while that fetch was still hanging, and started no other");
            loop.stop();
            agent.join(5000);
            assertFalse(agent.isAlive(), "stop does not wait for the hanging fetch");
        }
    }

    @Test
    void aPassThatThrowsIsLoggedAndTheLoopGoesOn() throws Exception {
        java.nio.file.Files.writeString(stateDir.resolve("serial"), "not a number\n");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        EventLog log = new EventLog(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), false);
        try (Node node = new Node(registry.baseUrl() + "/peers.conf", List.of(signer.publicKey().render()), true, stateDir,
                new FakeTunnels())) {
            AgentLoop loop = new AgentLoop(node.agent.pass(), node.agent.trust(), Duration.ofMillis(50), 0.2, Duration.ofMillis(50), log);
            Thread agent = new Thread(loop::run, "agent-under-test");
            agent.start();
            awaitTrue(() -> loop.passes() >= 2, "two passes");
            loop.stop();
            agent.join(5000);

            String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(text.contains("event=pass_failed error=StateException"), text);
            assertTrue(text.contains(stateDir.resolve("serial") + " is damaged"), text);
            assertEquals(0, node.tunnels.writes(), "no rollback floor, nothing applied");
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(10);
        }
    }
}
