package org.rait.registry;

import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rait.keys.WgKey;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bodies built to hurt the parser get a 400 that says what is wrong, never a 500, and change nothing. */
class HostileBodyTest {
    @TempDir
    Path dir;
    RunningRegistry registry;
    WgKey registryKey;

    @BeforeEach
    void start() throws Exception {
        registry = RunningRegistry.start(dir.resolve("data"));
        registryKey = registry.registrationKey();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void thirtyThousandLevelsInAnUnknownFieldAre400() throws Exception {
        String deep = "[".repeat(30_000) + "]".repeat(30_000);
        assertRegistration400("{\"name\":\"deep\",\"junk\":" + deep + ",\"endpoints\":[]}", "");
        assertRegistration400("{\"name\":\"deep\",\"endpoints\":" + deep + "}", "");
        assertRegistration400("{\"name\":\"deep\",\"junk\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}", "");
    }

    @Test
    void aBodyNestedBeyondTheDepthLimitIsNamedAsSuch() throws Exception {
        String sixteen = "[".repeat(16) + "]".repeat(16);
        assertRegistration400("{\"name\":\"deep\",\"junk\":" + sixteen + "}",
                "exceeds a limit: Document nesting depth (17) exceeds the maximum allowed (16)");
    }

    @Test
    void aKeyGivenTwiceIsRefusedNotLastWins() throws Exception {
        assertRegistration400("{\"name\":\"first\",\"name\":\"second\",\"endpoints\":[]}", "Duplicate field 'name'");
        assertRegistration400("{\"name\":\"n\",\"endpoints\":[{\"address_family\":\"ip4\",\"send_port\":1,\"send_port\":2}]}",
                "Duplicate field 'send_port'");
        try (Response response = registry.admin("POST", "/v1/admin/enrollment-tokens",
                "{\"uses\":1,\"uses\":100}", registry.adminToken)) {
            assertEquals(400, response.code());
        }
    }

    @Test
    void aFractionalSendPortIsRefusedWithItsLocationNotRoundedDown() throws Exception {
        assertRegistration400("{\"name\":\"n\",\"endpoints\":[{\"address_family\":\"ip4\",\"send_port\":50021.5}]}",
                "field 'endpoints[0].send_port' (line 1, column 62): Cannot coerce Floating-point value (50021.5) to `java.lang.Integer` value");
    }

    @Test
    void anOverlongStringIs400() throws Exception {
        assertRegistration400("{\"name\":\"" + "a".repeat(20_000) + "\",\"endpoints\":[]}",
                "field 'name': String value length (20000) exceeds the maximum allowed (16384)");
    }

    @Test
    void endpointAddressesThatAreNeitherIpNorDnsNameAre400() throws Exception {
        for (String address : List.of("host:1234", "_", "-", ":::::", "...")) {
            TestNode node = new TestNode("addr", 55100);
            byte[] body = RunningRegistry.MAPPER.writeValueAsBytes(Map.of("name", "addr",
                    "endpoints", List.of(Map.of("address_family", "ip4", "send_port", 55100, "address", address))));
            try (Response response = node.sendProven(registry, registryKey, body)) {
                String text = response.body().string();
                assertEquals(400, response.code(), address + ": " + text);
                assertTrue(text.contains("endpoints[0].address must be an IP address or DNS name"), text);
            }
        }
        assertEquals(0, registry.adminJson("GET", "/v1/admin/nodes", null).size());
    }

    private void assertRegistration400(String json, String messagePart) throws Exception {
        TestNode node = new TestNode("hostile", 55000);
        try (Response response = node.sendProven(registry, registryKey, json.getBytes(StandardCharsets.UTF_8))) {
            String text = response.body().string();
            assertEquals(400, response.code(), text.length() > 300 ? text.substring(0, 300) : text);
            String error = RunningRegistry.MAPPER.readTree(text).get("error").asText();
            assertTrue(error.contains(messagePart), error);
        }
        assertEquals(0, registry.adminJson("GET", "/v1/admin/nodes", null).size());
    }
}
