package org.rait.agent;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rait.state.CachedSnapshot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Everything a registry (or whoever sits between it and the node) can do wrong, against the real fetch and
 * verification code. Each test first lets the node apply serial 5 (peers 1, 2, 3), then serves a failure
 * meant to bring serial 6 (peers 1, 2, 4), and asserts that nothing of it was applied, that the cached snapshot
 * is still serial 5, and that the agent asked again.
 */
class AgentRefusalTest {
    @RegisterExtension
    static WireMockExtension registry = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String BODY = "/peers.conf";
    private static final String SIG = "/peers.conf.minisig";
    private static final Set<String> BEFORE = Set.of("node1", "node2", "node3");

    @TempDir
    Path stateDir;

    private final Registry signer = new Registry();
    private final Registry.Signed serial5 = signer.sign(Registry.peers(1, 2, 3), 5);
    private final Registry.Signed serial6 = signer.sign(Registry.peers(1, 2, 4), 6);
    private Node node;

    @BeforeEach
    void nodeHasAppliedSerial5() {
        node = new Node(registry.baseUrl() + BODY, List.of(signer.publicKey().render()), true, stateDir, new FakeTunnels());
        publish(serial5, "\"s5\"");
        PassReport first = node.pass();
        assertTrue(first.applied(), first.toString());
        assertEquals(BEFORE, node.tunnels.peerNames());
        registry.resetAll();
    }

    @AfterEach
    void close() {
        node.close();
    }

    @Test
    void serverErrorIsRetriedWithinThePassAndChangesNothing() {
        registry.stubFor(get(BODY).willReturn(aResponse().withStatus(500)));

        PassReport report = node.pass();

        assertEquals(PassReport.News.UNREACHABLE, report.news());
        assertEquals(Node.QUICK.maxAttempts(), bodyRequests(), "one request per attempt");
        assertNothingNewApplied();
        assertEquals(Node.QUICK.maxAttempts(), node.agent.metrics().fetchAttempts("server_error"));
    }

    @Test
    void serviceUnavailableIsRetriedNoSoonerThanRetryAfter() {
        registry.stubFor(get(BODY).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")));

        PassReport report = node.pass();

        assertEquals(PassReport.News.UNREACHABLE, report.news());
        List<Instant> times = bodyRequestTimes();
        assertEquals(Node.QUICK.maxAttempts(), times.size());
        for (int i = 1; i < times.size(); i++) {
            long gap = times.get(i).toEpochMilli() - times.get(i - 1).toEpochMilli();
            assertTrue(gap >= 1000, "attempt " + (i + 1) + " came " + gap + " ms after the previous one; Retry-After said 1 s");
        }
        assertNothingNewApplied();
    }

    @Test
    void aRequestThatTimesOutIsRetriedAndChangesNothing() {
        registry.stubFor(get(BODY).willReturn(ok().withBody(serial6.body()).withFixedDelay(2500)));

        PassReport report = node.pass();

        assertEquals(PassReport.News.UNREACHABLE, report.news());
        assertEquals(Node.QUICK.maxAttempts(), bodyRequests());
        assertEquals(Node.QUICK.maxAttempts(), node.agent.metrics().fetchAttempts("timeout"));
        assertNothingNewApplied();
    }

    @Test
    void aConnectionResetIsRetriedAndChangesNothing() {
        registry.stubFor(get(BODY).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        PassReport report = node.pass();

        assertEquals(PassReport.News.UNREACHABLE, report.news());
        assertEquals(Node.QUICK.maxAttempts(), bodyRequests());
        assertNothingNewApplied();
    }

    @Test
    void aBodyThatDripsSlowerThanTheTimeoutsIsAbandonedAndRetried() {
        registry.stubFor(get(BODY).willReturn(ok().withBody(serial6.body()).withChunkedDribbleDelay(6, 6000)));

        PassReport report = node.pass();

        assertEquals(PassReport.News.UNREACHABLE, report.news());
        assertEquals(Node.QUICK.maxAttempts(), node.agent.metrics().fetchAttempts("timeout"));
        assertNothingNewApplied();
    }

    @Test
    void aTruncatedBodyIsRetriedAndChangesNothing() {
        registry.stubFor(get(BODY).willReturn(aResponse().withStatus(200).withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

        PassReport report = node.pass();

        assertEquals(PassReport.News.UNREACHABLE, report.news());
        assertEquals(Node.QUICK.maxAttempts(), node.agent.metrics().fetchAttempts("truncated"));
        assertNothingNewApplied();
    }

    @Test
    void aGarbageBodyEvenWithAValidSignatureIsRefusedAndAskedForAgain() {
        byte[] garbage = new byte[2000];
        new Random(7).nextBytes(garbage);
        publish(signer.sign(garbage, 6, Registry.FAR_FUTURE), "\"g\"");

        assertRefusedTwice("unparsable");
    }

    @Test
    void aSignedListWithOnePublicKeyTwiceIsMalformedAndNothingOfItIsApplied() {
        org.rait.peers.Peer twin = Registry.peer(4);
        org.rait.peers.Peer again = new org.rait.peers.Peer(twin.publicKey(), "node4-again",
                List.of(new org.rait.peers.Endpoint(org.rait.config.AddressFamily.IP6, 50099, "")));
        java.util.List<org.rait.peers.Peer> peers = new java.util.ArrayList<>(Registry.peers(1, 2, 4).peers());
        peers.add(again);
        publish(signer.sign(new org.rait.peers.PeerList(peers), 6), "\"twin\"");

        assertRefusedTwice("unparsable");
        assertTrue(node.log().contains("the same public key as the peer at"), node.log());
    }

    @Test
    void aTrustedCommentThatNamesTheOtherSyntaxIsRefused() {
        byte[] toml = org.rait.configfile.ConfigFiles.render(Registry.peers(1, 2, 4), org.rait.configfile.Syntax.TOML)
                .getBytes(StandardCharsets.UTF_8);
        publish(signer.sign(toml, 6, Registry.FAR_FUTURE), "\"fmt\"");

        assertRefusedTwice("format_mismatch");
        assertTrue(node.log().contains("says format:block but the body is in the toml syntax"), node.log());
    }

    @Test
    void aBadSignatureIsRefused() {
        byte[] tampered = serial6.text().replace("node4", "evil4").getBytes(StandardCharsets.UTF_8);
        publish(new Registry.Signed(tampered, serial6.signature(), 6), "\"t\"");

        assertRefusedTwice("bad_signature");
    }

    @Test
    void aSignatureFromAKeyThatIsNotPinnedIsRefused() {
        publish(new Registry().sign(Registry.peers(1, 2, 4), 6), "\"u\"");

        assertRefusedTwice("unpinned_key");
    }

    @Test
    void aLowerSerialIsRefusedAsRollback() {
        publish(signer.sign(Registry.peers(1, 2, 4), 4), "\"r\"");

        assertRefusedTwice("rollback");
    }

    @Test
    void anExpiredSnapshotIsRefused() {
        publish(signer.sign(Registry.body(Registry.peers(1, 2, 4)), 6, Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)), "\"e\"");

        assertRefusedTwice("expired");
    }

    @Test
    void aBodyPairedWithAnotherSnapshotsSignatureIsRefused() {
        Registry.Signed serial7 = signer.sign(Registry.peers(1, 2, 5), 7);
        registry.stubFor(get(BODY).willReturn(ok().withBody(serial6.body()).withHeader("X-Rait-Serial", "6")));
        registry.stubFor(get(SIG).willReturn(ok().withBody(serial7.signature())));

        assertRefusedTwice("mismatched_pair");
    }

    @Test
    void bodyAndSignatureAnnouncedForDifferentSerialsAreFetchedAgainThenRefused() {
        Registry.Signed serial7 = signer.sign(Registry.peers(1, 2, 5), 7);
        registry.stubFor(get(BODY).willReturn(ok().withBody(serial6.body()).withHeader("X-Rait-Serial", "6")));
        registry.stubFor(get(SIG).willReturn(ok().withBody(serial7.signature()).withHeader("X-Rait-Serial", "7")));

        PassReport report = node.pass();

        assertEquals(PassReport.News.REFUSED, report.news());
        assertEquals(Node.QUICK.maxAttempts(), bodyRequests(), "a publish between the two requests is worth another try");
        assertEquals(1, node.agent.metrics().refusals("mismatched_pair"));
        assertNothingNewApplied();
    }

    @Test
    void aBodyLargerThanTheCapIsRefusedWithoutReadingItAll() {
        byte[] huge = new byte[(int) Node.QUICK.maxBodyBytes() + 1];
        java.util.Arrays.fill(huge, (byte) '#');
        publish(signer.sign(huge, 6, Registry.FAR_FUTURE), "\"big\"");

        assertRefusedTwice("oversized");
    }

    @Test
    void notModifiedKeepsTheSnapshotAndOnlyReconcilesIt() {
        registry.stubFor(get(BODY).withHeader("If-None-Match", equalTo("\"s5\"")).willReturn(aResponse().withStatus(304)));

        PassReport report = node.pass();

        assertEquals(PassReport.News.UNCHANGED, report.news());
        assertTrue(report.applied(), "the current snapshot is reconciled again (drift, DNS)");
        assertEquals(0, report.recap().orElseThrow().changed());
        assertEquals(0, registry.findAll(getRequestedFor(urlEqualTo(SIG))).size(), "no signature fetched for a 304");
        assertNothingNewApplied();
    }

    /** The refusal happens at every pass: the agent keeps asking, and keeps what it has. */
    private void assertRefusedTwice(String reason) {
        for (int pass = 1; pass <= 2; pass++) {
            PassReport report = node.pass();
            assertEquals(PassReport.News.REFUSED, report.news(), report.toString());
            assertEquals(pass, node.agent.metrics().refusals(reason), node.log());
        }
        assertEquals(2, bodyRequests(), "asked again at the next pass");
        assertNothingNewApplied();
        assertTrue(node.log().contains("reason=" + reason), node.log());
    }

    private void assertNothingNewApplied() {
        assertEquals(BEFORE, node.tunnels.peerNames(), "tunnels as they were");
        assertEquals(3, node.tunnels.writes(), "only the three tunnels of serial 5 were ever created");
        node.tunnels.applied().forEach(peers -> assertEquals(Registry.peers(1, 2, 3), peers));
        CachedSnapshot cached = node.state.snapshot().orElseThrow();
        assertArrayEquals(serial5.body(), cached.body(), "the cache still holds serial 5");
    }

    private void publish(Registry.Signed signed, String etag) {
        registry.stubFor(get(BODY).willReturn(ok().withBody(signed.body()).withHeader("ETag", etag)
                .withHeader("X-Rait-Serial", Long.toString(signed.serial()))));
        registry.stubFor(get(SIG).willReturn(ok().withBody(signed.signature())
                .withHeader("X-Rait-Serial", Long.toString(signed.serial()))));
    }

    private int bodyRequests() {
        return registry.findAll(getRequestedFor(urlEqualTo(BODY))).size();
    }

    private List<Instant> bodyRequestTimes() {
        return registry.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(BODY))
                .map(ServeEvent::getRequest)
                .map(r -> r.getLoggedDate().toInstant())
                .sorted(Comparator.naturalOrder())
                .toList();
    }
}
