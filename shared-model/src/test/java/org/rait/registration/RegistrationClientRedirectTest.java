package org.rait.registration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rait.config.AddressFamily;
import org.rait.keys.WgKey;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `rait register` follows no redirect: the proof and the enrollment token go only where the operator pointed.
 * The registry answers with a redirect to another host (https) or to plain http, and the place redirected to
 * must receive nothing.
 */
class RegistrationClientRedirectTest {
    private static final List<Integer> REDIRECTS = List.of(301, 302, 307, 308);
    WireMockServer registry;
    WireMockServer elsewhere;
    CertificatePin pin;
    NodeProver node;
    Peer entry;

    @BeforeEach
    void start() throws Exception {
        registry = new WireMockServer(options().bindAddress("127.0.0.1").httpDisabled(true).dynamicHttpsPort());
        elsewhere = new WireMockServer(options().dynamicPort().dynamicHttpsPort());
        registry.start();
        elsewhere.start();
        pin = CertificatePin.of(serverCertificate(registry.httpsPort()));
        node = new NodeProver(key());
        entry = new Peer(node.publicKey(), "redirected-node", List.of(new Endpoint(AddressFamily.IP4, 50154, "192.0.2.7")));
    }

    @AfterEach
    void stop() {
        registry.stop();
        elsewhere.stop();
    }

    @Test
    void aRedirectOfTheProvedPostToAnotherHostOrToHttpIsAClearErrorAndNothingIsSentThere() {
        for (String location : elsewhereLocations("/v1/nodes")) {
            for (int status : REDIRECTS) {
                reset();
                registry.stubFor(get("/v1/registration-key").willReturn(okJson("{\"public_key\":\"" + new NodeProver(key()).publicKey().base64() + "\"}")));
                registry.stubFor(post("/v1/nodes").willReturn(aResponse().withStatus(status).withHeader("Location", location)));

                RegistrationFailed failed = assertThrows(RegistrationFailed.class,
                        () -> client().register(node, entry, Optional.of("enroll-secret")));

                assertRefusedRedirect(failed, status, location, "POST");
                assertEquals(1, registry.countRequestsMatching(RequestPatternBuilder.newRequestPattern(RequestMethod.POST,
                        urlEqualTo("/v1/nodes")).build()).getCount(), "one POST, not retried");
            }
        }
    }

    @Test
    void aRedirectOfTheRegistrationKeyToAnotherHostOrToHttpIsAClearErrorAndNothingIsSentThere() {
        for (String location : elsewhereLocations("/v1/registration-key")) {
            for (int status : REDIRECTS) {
                reset();
                registry.stubFor(get("/v1/registration-key").willReturn(aResponse().withStatus(status).withHeader("Location", location)));

                RegistrationFailed failed = assertThrows(RegistrationFailed.class,
                        () -> client().register(node, entry, Optional.of("enroll-secret")));

                assertRefusedRedirect(failed, status, location, "GET");
                assertEquals(0, registry.findAll(RequestPatternBuilder.newRequestPattern(RequestMethod.POST,
                        anyUrl())).size(), "no proof made without the key");
            }
        }
    }

    private void assertRefusedRedirect(RegistrationFailed failed, int status, String location, String method) {
        assertEquals(status, failed.status(), location);
        assertTrue(failed.getMessage().startsWith(method + " https://127.0.0.1:" + registry.httpsPort() + "/"), failed.getMessage());
        assertTrue(failed.getMessage().contains("answered " + status + " with a redirect to " + location), failed.getMessage());
        assertTrue(failed.getMessage().contains("redirects are not followed"), failed.getMessage());
        assertEquals(0, elsewhere.getAllServeEvents().size(), "the place redirected to received nothing: " + location);
    }

    /** Another host (localhost is not 127.0.0.1 by name) over https, and plain http on the same host. */
    private List<String> elsewhereLocations(String path) {
        return List.of("https://localhost:" + elsewhere.httpsPort() + path, "http://127.0.0.1:" + elsewhere.port() + path);
    }

    private void reset() {
        registry.resetAll();
        elsewhere.resetAll();
    }

    private RegistrationClient client() {
        return new RegistrationClient("https://127.0.0.1:" + registry.httpsPort(), Optional.of(pin), Clock.systemUTC());
    }

    private static WgKey key() {
        return WgKey.of(new X25519PrivateKeyParameters(new SecureRandom()).getEncoded());
    }

    /** What the pinned operator would have copied from the registry's start-up log. */
    private static X509Certificate serverCertificate(int port) throws Exception {
        X509TrustManager any = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {any}, new SecureRandom());
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
