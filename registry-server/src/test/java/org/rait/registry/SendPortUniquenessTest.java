package org.rait.registry;

import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.rait.keys.WgKey;
import org.rait.registry.store.StoreKind;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One send_port per address family among approved nodes: no registration, edit or approval can make a
 * second approved node claim a port, so no agent ever has to choose between two peers for one tunnel.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class SendPortUniquenessTest {
    @Parameter
    StoreKind kind;
    @TempDir
    Path dir;
    RunningRegistry registry;
    WgKey registryKey;
    TestNode victim;
    TestNode attacker;

    @BeforeEach
    void start() throws Exception {
        registry = RunningRegistry.start(dir.resolve("data"), kind);
        registryKey = registry.registrationKey();
        victim = new TestNode("victim", 55001);
        attacker = new TestNode("attacker", 55002);
        for (TestNode node : List.of(victim, attacker)) {
            try (Response response = node.register(registry, registryKey, null)) {
                assertEquals(201, response.code());
            }
            registry.adminJson("POST", path(node) + "/approve", null);
        }
    }

    @AfterEach
    void stop() {
        // null when the PostgreSQL half was skipped
        if (registry != null) registry.close();
    }

    @Test
    void anApprovedNodeCannotReRegisterWithAnotherApprovedNodesSendPort() throws Exception {
        FetchedSnapshot before = FetchedSnapshot.fetch(registry, "");

        try (Response response = reRegister(attacker, "ip4", 55001)) {
            assertConflictNamingBoth(response);
        }
        assertEquals(before.serial(), FetchedSnapshot.fetch(registry, "").serial());
        assertEquals(55002, registry.adminJson("GET", path(attacker), null).get("endpoints").get(0).get("send_port").asInt());
    }

    @Test
    void theSamePortInTheOtherFamilyIsNoCollision() throws Exception {
        try (Response response = reRegister(attacker, "ip6", 55001)) {
            assertEquals(200, response.code(), response.body().string());
        }
    }

    @Test
    void anAdminEditCannotGiveAnApprovedNodeATakenSendPort() throws Exception {
        try (Response response = registry.admin("PATCH", path(attacker),
                Map.of("endpoints", List.of(Map.of("address_family", "ip4", "send_port", 55001, "address", "192.0.2.9"))),
                registry.adminToken)) {
            assertConflictNamingBoth(response);
        }
    }

    @Test
    void aPendingNodeMayWaitWithACollisionButCannotBeApprovedWithIt() throws Exception {
        TestNode late = new TestNode("late", 55001);
        try (Response response = late.register(registry, registryKey, null)) {
            assertEquals(201, response.code());
        }
        assertEquals("pending", registry.adminJson("GET", path(late), null).get("state").asText());

        try (Response response = registry.admin("POST", path(late) + "/approve", null, registry.adminToken)) {
            String text = response.body().string();
            assertEquals(409, response.code(), text);
            assertTrue(text.contains("'victim'") && text.contains("'late'") && text.contains(victim.key().base64()), text);
        }
        assertEquals("pending", registry.adminJson("GET", path(late), null).get("state").asText());

        registry.adminJson("POST", path(victim) + "/revoke", null);
        assertEquals("approved", registry.adminJson("POST", path(late) + "/approve", null).get("state").asText());
    }

    @Test
    void anEnrollmentTokenDoesNotApproveACollision() throws Exception {
        String token = registry.adminJson("POST", "/v1/admin/enrollment-tokens", Map.of("uses", 1)).get("token").asText();
        TestNode late = new TestNode("late", 55002);
        try (Response response = late.register(registry, registryKey, token)) {
            String text = response.body().string();
            assertEquals(409, response.code(), text);
            assertTrue(text.contains("'attacker'") && text.contains("'late'"), text);
        }
        try (Response response = registry.admin("GET", path(late), null, registry.adminToken)) {
            assertEquals(404, response.code());
        }
        String serialised = registry.adminJson("GET", "/v1/admin/enrollment-tokens", null).toString();
        assertTrue(serialised.contains("\"uses_left\":1"), "a refused registration does not use the token up: " + serialised);
    }

    private void assertConflictNamingBoth(Response response) throws Exception {
        String text = response.body().string();
        assertEquals(409, response.code(), text);
        String error = RunningRegistry.MAPPER.readTree(text).get("error").asText();
        assertTrue(error.contains("send_port 55001 in ip4 is already used by approved node 'victim' (" + victim.key() + ")"), error);
        assertTrue(error.contains("'attacker' (" + attacker.key() + ")"), error);
        assertFalse(FetchedSnapshot.fetch(registry, "").text().contains("send_port = 55001\n  address = \"192.0.2.9\""));
    }

    private Response reRegister(TestNode node, String family, int sendPort) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", node.name);
        body.put("endpoints", List.of(Map.of("address_family", family, "send_port", sendPort, "address", "192.0.2.9")));
        byte[] bytes = RunningRegistry.MAPPER.writeValueAsBytes(body);
        // One second ahead: the first registration used this second, and a request must be newer.
        return TestNode.send(registry, bytes, node.proof(registryKey, System.currentTimeMillis() / 1000 + 1, bytes));
    }

    private static String path(TestNode node) {
        return "/v1/admin/nodes/" + RunningRegistry.keyPath(node.key());
    }
}
