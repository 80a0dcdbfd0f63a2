package org.rait.registry;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.Response;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.rait.keys.WgKey;
import org.rait.registration.NodeProver;
import org.rait.registration.RegistrationKey;
import org.rait.registration.RequestProof;
import org.rait.registry.store.StoreKind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every refused request gets its status and a message, and leaves the store exactly as it was. */
@ParameterizedClass
@EnumSource(StoreKind.class)
class RegistrationRefusalTest {
    @Parameter
    StoreKind kind;
    @TempDir
    Path dir;
    RunningRegistry registry;
    WgKey registryKey;

    /** Everything a refusal must not change: all nodes, the audit log, the published serial. */
    record StoreState(JsonNode nodes, JsonNode audit, long serial) {
    }

    @BeforeEach
    void start() throws Exception {
        registry = RunningRegistry.start(dir.resolve("data"), kind);
        registryKey = registry.registrationKey();
    }

    @AfterEach
    void stop() {
        // null when the PostgreSQL half was skipped
        if (registry != null) registry.close();
    }

    @Test
    void aProofMadeWithAnotherKeyIsRefusedWith401() throws Exception {
        TestNode node = new TestNode("victim", 50001);
        TestNode attacker = new TestNode("attacker", 50002);
        byte[] body = node.body(null);
        RequestProof forged = attacker.proof(registryKey, now(), body);
        StoreState before = state();

        try (Response response = TestNode.send(registry, body, new RequestProof(node.key(), forged.timestamp(), forged.mac()))) {
            assertRefused(response, 401, "does not show possession of the private key");
        }
        assertEquals(before, state());
    }

    @Test
    void aProofForAnotherRegistrysKeyIsRefusedWith401() throws Exception {
        TestNode node = new TestNode("lost", 50003);
        byte[] body = node.body(null);
        StoreState before = state();

        try (Response response = TestNode.send(registry, body,
                node.proof(RegistrationKey.generate(new SecureRandom()).publicKey(), now(), body))) {
            assertRefused(response, 401, "does not show possession");
        }
        assertEquals(before, state());
    }

    @Test
    void aReplayedRequestIsRefusedWith401() throws Exception {
        TestNode node = new TestNode("replayed", 50004);
        byte[] body = node.body(null);
        RequestProof proof = node.proof(registryKey, now(), body);
        try (Response first = TestNode.send(registry, body, proof)) {
            assertEquals(201, first.code());
        }
        StoreState before = state();

        try (Response replay = TestNode.send(registry, body, proof)) {
            assertRefused(replay, 401, "not newer than this node's last accepted request");
        }
        assertEquals(before, state());
    }

    @Test
    void aStaleTimestampIsRefusedWith401() throws Exception {
        TestNode node = new TestNode("stale", 50005);
        byte[] body = node.body(null);
        StoreState before = state();

        try (Response response = TestNode.send(registry, body, node.proof(registryKey, now() - 600, body))) {
            assertRefused(response, 401, "from the registry's clock");
        }
        try (Response response = TestNode.send(registry, body, node.proof(registryKey, now() + 600, body))) {
            assertRefused(response, 401, "from the registry's clock");
        }
        assertEquals(before, state());
    }

    @Test
    void aBodyChangedAfterProvingIsRefused() throws Exception {
        TestNode node = new TestNode("honest", 50006);
        RequestProof proof = node.proof(registryKey, now(), node.body(null));
        StoreState before = state();

        try (Response response = TestNode.send(registry, new TestNode("evil", 50007).body(null), proof)) {
            assertRefused(response, 401, "does not show possession");
        }
        assertEquals(before, state());
    }

    @Test
    void missingOrWrongAdminTokenIsRefusedWith401() throws Exception {
        StoreState before = state();
        try (Response missing = registry.admin("GET", "/v1/admin/nodes", null, null);
             Response wrong = registry.admin("POST", "/v1/admin/enrollment-tokens", Map.of("uses", 5), "rait-admin-guess");
             Response nodeKeyAsToken = registry.admin("DELETE", "/v1/admin/nodes/AAAA", null, registryKey.base64())) {
            assertRefused(missing, 401, "an admin token is required");
            assertEquals("Bearer realm=\"rait-registry\"", missing.header("WWW-Authenticate"));
            assertRefused(wrong, 401, "not valid");
            assertRefused(nodeKeyAsToken, 401, "not valid");
        }
        assertEquals(before, state());
    }

    @Test
    void aRevokedNodeCannotRegisterAgain() throws Exception {
        TestNode node = new TestNode("gone", 50008);
        try (Response first = node.register(registry, registryKey, null)) {
            assertEquals(201, first.code());
        }
        registry.adminJson("POST", "/v1/admin/nodes/" + RunningRegistry.keyPath(node.key()) + "/revoke", null);
        Thread.sleep(1000);
        StoreState before = state();

        try (Response again = node.register(registry, registryKey, null)) {
            assertRefused(again, 403, "is revoked");
        }
        assertEquals(before, state());
    }

    @Test
    void anEnrollmentTokenApprovesAtOnceAndIsUsedUpAfterItsUses() throws Exception {
        String token = registry.adminJson("POST", "/v1/admin/enrollment-tokens", Map.of("uses", 1)).get("token").asText();
        TestNode first = new TestNode("first", 50009);
        try (Response response = first.register(registry, registryKey, token)) {
            assertEquals(201, response.code());
            JsonNode answer = RunningRegistry.MAPPER.readTree(response.body().string());
            assertEquals("approved", answer.get("node").get("state").asText());
            assertTrue(answer.get("serial").asLong() > 0, "approving published a snapshot");
        }
        StoreState before = state();

        try (Response second = new TestNode("second", 50010).register(registry, registryKey, token)) {
            assertRefused(second, 403, "unknown, expired or used up");
        }
        assertEquals(before, state());
    }

    @Test
    void anApprovedNodeUpdatesItsOwnEndpointsAndTheSnapshotFollows() throws Exception {
        String token = registry.adminJson("POST", "/v1/admin/enrollment-tokens", Map.of("uses", 1)).get("token").asText();
        TestNode node = new TestNode("mover", 50011);
        try (Response response = node.register(registry, registryKey, token)) {
            assertEquals(201, response.code());
        }
        long serial = FetchedSnapshot.fetch(registry, "").serial();
        Thread.sleep(1000);

        TestNode moved = new TestNode("mover-renamed", 50012);
        byte[] body = moved.body(null);
        try (Response update = node.sendProven(registry, registryKey, body)) {
            assertEquals(200, update.code());
        }

        FetchedSnapshot after = FetchedSnapshot.fetch(registry, "");
        assertEquals(serial + 1, after.serial());
        assertTrue(after.text().contains("mover-renamed") && after.text().contains("50012"), after.text());
    }

    @Test
    void unknownFieldsBadValuesAndOversizedBodiesAreRefusedWith400Or413() throws Exception {
        TestNode node = new TestNode("strict", 50013);
        StoreState before = state();
        byte[] unknown = "{\"name\":\"strict\",\"endpoints\":[],\"admin\":true}".getBytes(StandardCharsets.UTF_8);
        byte[] badPort = "{\"name\":\"strict\",\"endpoints\":[{\"address_family\":\"ip4\",\"send_port\":70000}]}".getBytes(StandardCharsets.UTF_8);
        byte[] badFamily = "{\"name\":\"strict\",\"endpoints\":[{\"address_family\":\"ipx\",\"send_port\":1}]}".getBytes(StandardCharsets.UTF_8);
        byte[] huge = ("{\"name\":\"" + "x".repeat(70_000) + "\",\"endpoints\":[]}").getBytes(StandardCharsets.UTF_8);

        try (Response r = node.sendProven(registry, registryKey, unknown)) {
            assertRefused(r, 400, "unknown field 'admin'");
        }
        try (Response r = node.sendProven(registry, registryKey, badPort)) {
            assertRefused(r, 400, "endpoints[0].send_port must be 1-65535");
        }
        try (Response r = node.sendProven(registry, registryKey, badFamily)) {
            assertRefused(r, 400, "endpoints[0].address_family");
        }
        byte[] portAsText = "{\"name\":\"strict\",\"endpoints\":[{\"address_family\":\"ip4\",\"send_port\":\"50153\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        try (Response r = node.sendProven(registry, registryKey, portAsText)) {
            assertRefused(r, 400, "field 'endpoints[0].send_port'");
        }
        byte[] notJson = "{\"name\": ".getBytes(StandardCharsets.UTF_8);
        try (Response r = node.sendProven(registry, registryKey, notJson)) {
            assertRefused(r, 400, "not valid JSON");
        }
        try (Response r = node.sendProven(registry, registryKey, huge)) {
            assertRefused(r, 413, "larger than 65536 bytes");
        }
        assertEquals(before, state());
    }

    @Test
    void aLowOrderNodeKeyIsRefused() throws Exception {
        byte[] body = new TestNode("zero", 50014).body(null);
        StoreState before = state();

        try (Response r = TestNode.send(registry, body, new RequestProof(WgKey.of(new byte[32]), now(), new byte[32]))) {
            assertRefused(r, 401, "does not show possession");
        }
        assertEquals(before, state());
    }

    @Test
    void theNodeKeyIsTheWireGuardKeyOfItsPrivateKey() {
        byte[] privateKey = new X25519PrivateKeyParameters(new SecureRandom()).getEncoded();

        assertEquals(WgKey.of(new X25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded()),
                new NodeProver(WgKey.of(privateKey)).publicKey());
    }

    private StoreState state() throws IOException {
        return new StoreState(registry.adminJson("GET", "/v1/admin/nodes", null),
                registry.adminJson("GET", "/v1/admin/audit?limit=10000", null), FetchedSnapshot.fetch(registry, "").serial());
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static void assertRefused(Response response, int status, String messagePart) throws IOException {
        String body = response.body().string();
        assertEquals(status, response.code(), body);
        JsonNode error = RunningRegistry.MAPPER.readTree(body);
        assertEquals(status, error.get("status").asInt());
        assertTrue(error.get("error").asText().contains(messagePart), "message '" + error.get("error").asText()
                + "' should contain '" + messagePart + "'");
    }
}
