package org.rait.fetch;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotFetcherTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** Two attempts per fetch; the breaker opens after four failed attempts in a row, for 600 ms. */
    private static final FetchPolicy POLICY = new FetchPolicy(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(5),
            1024, 1024, 2, Duration.ofMillis(10), 2.0, Duration.ofMillis(100), 0.0, 4, Duration.ofMillis(600), Duration.ofSeconds(30));

    private final List<String> attempts = new ArrayList<>();

    @Test
    void anOpenBreakerSendsNothingUntilItLetsOneRequestThrough() throws Exception {
        server.stubFor(get("/peers.conf").willReturn(aResponse().withStatus(502)));
        try (SnapshotFetcher fetcher = new SnapshotFetcher(server.baseUrl() + "/peers.conf", POLICY, Optional.empty(),
                Clock.systemUTC(), attempts::add)) {
            assertThrows(FetchException.class, () -> fetcher.fetch(Optional.empty(), true));
            assertThrows(FetchException.class, () -> fetcher.fetch(Optional.empty(), true));
            assertEquals(CircuitBreaker.State.OPEN, fetcher.breakerState());

            FetchException refused = assertThrows(FetchException.class, () -> fetcher.fetch(Optional.empty(), true));

            assertEquals(FetchFailure.CIRCUIT_OPEN, refused.failure());
            assertEquals(4, server.findAll(getRequestedFor(urlEqualTo("/peers.conf"))).size(), "nothing sent while open");

            server.stubFor(get("/peers.conf").willReturn(ok().withBody("peers {\n}\n")));
            server.stubFor(get("/peers.conf.minisig").willReturn(ok().withBody("sig")));
            Thread.sleep(700);

            assertInstanceOf(FetchResult.Changed.class, fetcher.fetch(Optional.empty(), true));
            assertEquals(CircuitBreaker.State.CLOSED, fetcher.breakerState());
            assertEquals(List.of("server_error", "server_error", "server_error", "server_error", "circuit_open", "changed"), attempts);
        }
    }

    @Test
    void aNotFoundIsNotRetried() {
        server.stubFor(get("/peers.conf").willReturn(aResponse().withStatus(404)));
        try (SnapshotFetcher fetcher = new SnapshotFetcher(server.baseUrl() + "/peers.conf", POLICY, Optional.empty(),
                Clock.systemUTC(), attempts::add)) {
            FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(Optional.empty(), true));

            assertEquals(FetchFailure.CLIENT_ERROR, e.failure());
            assertEquals(1, server.findAll(getRequestedFor(urlEqualTo("/peers.conf"))).size());
        }
    }

    @Test
    void theEtagOfTheHeldSnapshotMakesTheRequestConditional() throws Exception {
        server.stubFor(get("/peers.conf").withHeader("If-None-Match", com.github.tomakehurst.wiremock.client.WireMock.equalTo("\"7\""))
                .willReturn(aResponse().withStatus(304)));
        try (SnapshotFetcher fetcher = new SnapshotFetcher(server.baseUrl() + "/peers.conf", POLICY, Optional.empty(),
                Clock.systemUTC(), attempts::add)) {
            assertInstanceOf(FetchResult.NotModified.class, fetcher.fetch(Optional.of("\"7\""), true));
            assertEquals(List.of("not_modified"), attempts);
        }
    }
    @Test
    void aRedirectWithinTheSameOriginIsFollowed() throws Exception {
        server.stubFor(get("/old/peers.conf").willReturn(aResponse().withStatus(301).withHeader("Location", "/peers.conf")));
        server.stubFor(get("/peers.conf").willReturn(ok().withBody("peers {\n}\n")));
        server.stubFor(get("/old/peers.conf.minisig").willReturn(aResponse().withStatus(302).withHeader("Location", "/peers.conf.minisig")));
        server.stubFor(get("/peers.conf.minisig").willReturn(ok().withBody("sig")));
        try (SnapshotFetcher fetcher = fetcher("/old/peers.conf", POLICY)) {
            FetchResult.Changed changed = assertInstanceOf(FetchResult.Changed.class, fetcher.fetch(Optional.empty(), true));

            assertEquals("sig", new String(changed.snapshot().signature().orElseThrow(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void aRedirectToPlainHttpOrAnotherHostIsRefusedAndNothingIsFetchedThere() {
        String host = okhttp3.HttpUrl.get(server.baseUrl()).host();
        String otherHost = host.equals("localhost") ? "127.0.0.1" : "localhost";
        for (String location : List.of("http://" + otherHost + ":" + server.getPort() + "/peers.conf",
                "https://" + host + ":" + server.getPort() + "/peers.conf", "http://" + host + ":1/peers.conf")) {
            server.resetAll();
            attempts.clear();
            server.stubFor(get("/moved").willReturn(aResponse().withStatus(302).withHeader("Location", location)));
            server.stubFor(get("/peers.conf").willReturn(ok().withBody("peers {\n}\n")));
            try (SnapshotFetcher fetcher = fetcher("/moved", POLICY)) {
                FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(Optional.empty(), true));

                assertEquals(FetchFailure.REDIRECT_REFUSED, e.failure(), location);
                assertTrue(e.getMessage().contains("only redirects within http://" + host + ":" + server.getPort() + " are followed"),
                        e.getMessage());
                assertEquals(0, server.findAll(getRequestedFor(urlEqualTo("/peers.conf"))).size(), "not fetched there");
                assertEquals(List.of("redirect_refused"), attempts, "not retried");
            }
        }
    }

    @Test
    void aHugeRetryAfterIsHonouredOnlyUpToTheCap() {
        server.stubFor(get("/peers.conf").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "999999999")));
        try (SnapshotFetcher fetcher = fetcher("/peers.conf", POLICY)) {
            FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(Optional.empty(), true));

            assertEquals(Optional.of(POLICY.retryAfterCap()), e.retryAfter());
            assertEquals(Duration.ofMillis(600), POLICY.retryAfterCap(), "the longer of the longest backoff and the breaker's wait");
            assertTrue(e.getMessage().contains("Retry-After 999999999s (honoured: 600 ms, the cap)"), e.getMessage());
        }
    }

    @Test
    void theRetryAfterCapNeverExceedsTheDocumentedMaximum() {
        FetchPolicy d = FetchPolicy.DEFAULT;
        FetchPolicy slowBreaker = new FetchPolicy(d.connectTimeout(), d.readTimeout(), d.callTimeout(), d.maxBodyBytes(),
                d.maxSignatureBytes(), d.maxAttempts(), d.initialBackoff(), d.backoffMultiplier(), d.maxBackoff(), d.jitter(),
                d.breakerWindow(), Duration.ofHours(1), d.deadline());

        assertEquals(FetchPolicy.MAX_RETRY_AFTER, slowBreaker.retryAfterCap());
        assertEquals(Duration.ofMinutes(10), FetchPolicy.MAX_RETRY_AFTER);
        assertEquals(Duration.ofMinutes(2), FetchPolicy.forInterval(Duration.ofMinutes(5)).retryAfterCap());
    }

    @Test
    void aRegistryThatNeverAnswersCostsTheFetchNoMoreThanItsOneDeadline() {
        server.stubFor(get("/peers.conf").willReturn(ok().withBody("peers {\n}\n").withFixedDelay(10_000)));
        FetchPolicy oneSecond = new FetchPolicy(Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(30),
                1024, 1024, 4, Duration.ofMillis(10), 2.0, Duration.ofMillis(100), 0.0, 10, Duration.ofSeconds(1), Duration.ofSeconds(1));
        try (SnapshotFetcher fetcher = fetcher("/peers.conf", oneSecond)) {
            long started = System.nanoTime();
            FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(Optional.empty(), true));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertEquals(FetchFailure.DEADLINE, e.failure(), e.getMessage());
            assertEquals(List.of("deadline"), attempts, "no attempt after the deadline");
            System.out.println("fetch against a hanging registry ended after " + tookMillis + " ms (deadline 1000 ms)");
        }
    }

    private SnapshotFetcher fetcher(String path, FetchPolicy policy) {
        return new SnapshotFetcher(server.baseUrl() + path, policy, Optional.empty(), Clock.systemUTC(), attempts::add);
    }
}
