package org.rait.registry;

import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rait.config.AddressFamily;
import org.rait.keys.WgKey;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;
import org.rait.registration.CertificatePin;
import org.rait.registration.NodeProver;
import org.rait.registration.RegistrationClient;
import org.rait.registration.RegistrationFailed;
import org.rait.registration.RegistrationReceipt;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared registration client (what `rait register` uses) against the real registry. */
class RegistrationClientTest {
    @TempDir
    Path dir;
    RunningRegistry registry;
    NodeProver node;
    Peer entry;

    @BeforeEach
    void start() throws Exception {
        registry = RunningRegistry.start(dir.resolve("data"));
        node = new NodeProver(WgKey.of(new X25519PrivateKeyParameters(new SecureRandom()).getEncoded()));
        entry = new Peer(node.publicKey(), "client-node", List.of(new Endpoint(AddressFamily.IP6, 50154, "2001:db8::7")));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void aNewNodeWithoutTokenIsPendingAndPublishesNothing() throws Exception {
        RegistrationReceipt receipt = client(registry.server.tls().pin()).register(node, entry, Optional.empty());

        assertEquals(new RegistrationReceipt("pending", true, java.util.OptionalLong.empty()), receipt);
    }

    @Test
    void withAnEnrollmentTokenItIsApprovedAndPublished() throws Exception {
        String token = registry.adminJson("POST", "/v1/admin/enrollment-tokens", Map.of("uses", 1)).get("token").asText();

        RegistrationReceipt receipt = client(registry.server.tls().pin()).register(node, entry, Optional.of(token));

        assertEquals("approved", receipt.state());
        assertEquals(FetchedSnapshot.fetch(registry, "").serial(), receipt.serial().orElseThrow());
        assertTrue(FetchedSnapshot.fetch(registry, "").text().contains(node.publicKey().base64()));
    }

    @Test
    void aSecondRegistrationStampedWithTheSameSecondIsRefusedAsNotNewer() throws Exception {
        Clock frozen = Clock.fixed(java.time.Instant.now(), java.time.ZoneOffset.UTC);
        RegistrationClient client = new RegistrationClient("https://127.0.0.1:" + registry.server.port(),
                Optional.of(registry.server.tls().pin()), frozen);
        client.register(node, entry, Optional.empty());

        RegistrationFailed failed = assertThrows(RegistrationFailed.class, () -> client.register(node, entry, Optional.empty()));

        assertEquals(401, failed.status());
        assertTrue(failed.getMessage().contains("not newer"), failed.getMessage());
    }

    @Test
    void aWrongPinIsRefusedBeforeAnythingIsSent() throws Exception {
        CertificatePin wrong = CertificatePin.parse("sha256/" + java.util.Base64.getEncoder().encodeToString(new byte[32]));

        RegistrationFailed failed = assertThrows(RegistrationFailed.class, () -> client(wrong).register(node, entry, Optional.empty()));

        assertEquals(0, failed.status());
        assertTrue(failed.getMessage().contains("not the pinned"), failed.getMessage());
        assertFalse(registry.adminJson("GET", "/v1/admin/nodes", null).elements().hasNext());
    }

    private RegistrationClient client(CertificatePin pin) {
        return new RegistrationClient("https://127.0.0.1:" + registry.server.port(), Optional.of(pin), Clock.systemUTC());
    }
}
