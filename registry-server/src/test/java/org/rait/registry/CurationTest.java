package org.rait.registry;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Admin changes over the API: what fits the node's state happens, what does not is refused and changes nothing. */
class CurationTest {
    @TempDir
    Path dir;
    RunningRegistry registry;
    TestNode node;
    String path;

    @BeforeEach
    void start() throws Exception {
        registry = RunningRegistry.start(dir.resolve("data"));
        node = new TestNode("kilo", 50600);
        try (Response response = node.register(registry, registry.registrationKey(), null)) {
            assertEquals(201, response.code());
        }
        path = "/v1/admin/nodes/" + RunningRegistry.keyPath(node.key());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void aTransitionThatDoesNotFitTheStateIsAConflict() throws Exception {
        registry.adminJson("POST", path + "/approve", null);
        long serial = FetchedSnapshot.fetch(registry, "").serial();

        assertStatus(409, "POST", path + "/approve", null, "is approved; cannot approve it");
        assertStatus(409, "POST", path + "/reject", null, "is approved; cannot reject it");
        assertEquals(serial, FetchedSnapshot.fetch(registry, "").serial());
        assertEquals("approved", registry.adminJson("GET", path, null).get("state").asText());
    }

    @Test
    void rejectingAPendingNodePublishesNothing() throws Exception {
        long serial = FetchedSnapshot.fetch(registry, "").serial();

        assertEquals("rejected", registry.adminJson("POST", path + "/reject", null).get("state").asText());
        assertEquals(serial, FetchedSnapshot.fetch(registry, "").serial());
    }

    @Test
    void anEditWithABadEndpointChangesNothing() throws Exception {
        JsonNode before = registry.adminJson("GET", path, null);

        assertStatus(400, "PATCH", path, Map.of("endpoints", List.of(Map.of("address_family", "ip4", "send_port", 0))),
                "endpoints[0].send_port must be 1-65535");
        assertStatus(400, "PATCH", path, Map.of("nickname", "x"), "unknown field 'nickname'");
        assertEquals(before, registry.adminJson("GET", path, null));
    }

    @Test
    void editingAnApprovedNodePublishesTheChange() throws Exception {
        registry.adminJson("POST", path + "/approve", null);
        long serial = FetchedSnapshot.fetch(registry, "").serial();

        registry.adminJson("PATCH", path, Map.of("name", "kilo-2"));

        FetchedSnapshot after = FetchedSnapshot.fetch(registry, "");
        assertEquals(serial + 1, after.serial());
        assertTrue(after.text().contains("\"kilo-2\""), after.text());
    }

    @Test
    void aDeletedNodeMayRegisterAgainAsPending() throws Exception {
        registry.adminJson("POST", path + "/approve", null);
        registry.adminJson("DELETE", path, null);
        assertStatus(404, "GET", path, null, "no node with public key");
        Thread.sleep(1000);

        try (Response again = node.register(registry, registry.registrationKey(), null)) {
            assertEquals(201, again.code());
        }
        assertEquals("pending", registry.adminJson("GET", path, null).get("state").asText());
    }

    @Test
    void anExpiredEnrollmentTokenIsRefused() throws Exception {
        String token = registry.adminJson("POST", "/v1/admin/enrollment-tokens", Map.of("uses", 5, "expires_in_seconds", 1))
                .get("token").asText();
        Thread.sleep(2100);

        try (Response response = new TestNode("late", 50601).register(registry, registry.registrationKey(), token)) {
            assertEquals(403, response.code());
            assertTrue(response.body().string().contains("unknown, expired or used up"));
        }
    }

    @Test
    void aBadStateFilterIsNamed() throws Exception {
        assertStatus(400, "GET", "/v1/admin/nodes?state=gone", null, "unknown node state 'gone'");
    }

    private void assertStatus(int status, String method, String path, Object body, String messagePart) throws Exception {
        try (Response response = registry.admin(method, path, body, registry.adminToken)) {
            String text = response.body().string();
            assertEquals(status, response.code(), text);
            assertTrue(RunningRegistry.MAPPER.readTree(text).get("error").asText().contains(messagePart), text);
        }
    }
}
