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

class SnapshotFetcherTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** Two attempts per fetch; the breaker opens after four failed attempts in a row, for 600 ms. */
    private static final FetchPolicy POLICY = new FetchPolicy(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(5),
            1024, 1024, 2, Duration.ofMillis(10), 2.0, Duration.ofMillis(100), 0.0, 4, Duration.ofMillis(600));

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
}
