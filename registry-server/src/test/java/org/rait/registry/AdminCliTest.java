package org.rait.registry;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rait.registry.cli.Main;
import org.rait.testing.ConsoleRun;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `rait-registry admin ...` against the running registry; every change lands in the audit log. */
class AdminCliTest {
    @TempDir
    Path dir;
    RunningRegistry registry;
    String token;


    @BeforeEach
    void start() throws Exception {
        registry = RunningRegistry.start(dir.resolve("data"));
        ConsoleRun created = run("admin", "token", "create", "--data-dir", dir.resolve("data").toString(), "--name", "carol");
        assertEquals(0, created.status(), created.err());
        token = created.out().strip();
        assertTrue(token.startsWith("rait-admin-"), token);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void theBootstrapTokenCuratesANodeThroughItsWholeLifeAndEveryChangeIsAudited() throws Exception {
        TestNode node = new TestNode("echo", 50500);
        try (Response response = node.register(registry, registry.registrationKey(), null)) {
            assertEquals(201, response.code());
        }
        String key = node.key().base64();

        ConsoleRun list = admin("list", "--state", "pending");
        assertEquals("NAME  STATE    ONLINE  LAST_SEEN  SERIAL  VERSION  ENDPOINTS            KEY\n"
                + "echo  pending  no      never      -       -        ip4:50500:192.0.2.1  " + key + "\n", list.out());
        assertEquals("approved", json(admin("approve", key, "--json")).get("state").asText());
        JsonNode edited = json(admin("edit", key, "--name", "echo2", "--endpoint", "ip6:50501:[2001:db8::5]", "--endpoint", "ip4:50500", "--json"));
        assertEquals("echo2", edited.get("name").asText());
        assertEquals("2001:db8::5", edited.get("endpoints").get(0).get("address").asText());
        assertEquals("", edited.get("endpoints").get(1).get("address").asText());
        assertTrue(FetchedSnapshot.fetch(registry, "").text().contains("echo2"));
        assertEquals("revoked", json(admin("revoke", key, "--json")).get("state").asText());
        assertEquals(0, admin("delete", key).status());
        assertEquals("", admin("list").out());

        JsonNode audit = json(admin("audit", "--limit", "10", "--json"));
        List<String> actions = new ArrayList<>();
        audit.forEach(entry -> actions.add(entry.get("actor").asText() + " " + entry.get("action").asText()));
        assertEquals(List.of("admin:carol delete", "admin:carol revoke", "admin:carol edit", "admin:carol approve",
                "node:" + key + " register"), actions.subList(0, 5));
    }

    @Test
    void anEnrollmentTokenIsPrintedOnceAndListedWithoutIt() throws Exception {
        JsonNode created = json(admin("enrollment-token", "create", "--uses", "3", "--note", "rack 4"));
        assertTrue(created.get("token").asText().startsWith("rait-enroll-"));

        JsonNode listed = json(admin("enrollment-token", "list"));
        assertEquals(1, listed.size());
        assertTrue(listed.get(0).get("token").isNull());
        assertEquals(3, listed.get(0).get("uses_left").asInt());
        assertEquals("rack 4", listed.get(0).get("note").asText());
    }

    @Test
    void aRefusalPrintsTheRegistrysReasonAndExitsOne() throws Exception {
        ConsoleRun run = admin("approve", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

        assertEquals(1, run.status());
        assertEquals("rait-registry: refused (404): no node with public key AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", run.err());
    }

    @Test
    void aSecondAdminTokenMadeThroughTheApiWorks() throws Exception {
        ConsoleRun created = admin("token", "create", "--name", "dave");
        assertEquals(0, created.status(), created.err());

        ConsoleRun list = run("admin", "list", "--url", url(), "--pin", pin(), "--token", created.out().strip());

        assertEquals(0, list.status(), list.err());
    }

    @Test
    void adminTokensAreListedWithoutSecretsAndARevokedOneIsRefusedAtOnce() throws Exception {
        String dave = admin("token", "create", "--name", "dave").out().strip();
        assertEquals(0, run("admin", "list", "--url", url(), "--pin", pin(), "--token", dave).status());

        ConsoleRun printed = admin("token", "list");
        assertEquals(0, printed.status(), printed.err());
        assertTrue(printed.out().contains("dave  active  created="), printed.out());
        JsonNode listed = registry.adminJson("GET", "/v1/admin/admin-tokens", null);
        JsonNode daveListed = listed.get(listed.size() - 1);
        assertEquals("dave", daveListed.get("name").asText());
        assertEquals("admin:carol", daveListed.get("created_by").asText());
        assertTrue(daveListed.get("last_used_at").isNumber(), daveListed.toString());
        assertTrue(!listed.toString().contains(dave) && !listed.toString().contains("hash"), listed.toString());
        assertTrue(!printed.out().contains(dave), printed.out());

        JsonNode revoked = json(admin("token", "revoke", "dave"));
        assertTrue(revoked.get("revoked").asBoolean());
        assertEquals("admin:carol", revoked.get("revoked_by").asText());

        ConsoleRun refused = run("admin", "list", "--url", url(), "--pin", pin(), "--token", dave);
        assertEquals(1, refused.status());
        assertTrue(refused.err().contains("refused (401): the admin token is not valid (unknown or revoked)"), refused.err());
        ConsoleRun again = admin("token", "revoke", "dave");
        assertEquals(1, again.status());
        assertTrue(again.err().contains("refused (409): the admin token 'dave' is revoked already"), again.err());
        assertEquals(1, admin("token", "revoke", "nobody").status());

        JsonNode audit = json(admin("audit", "--limit", "1", "--json"));
        assertEquals("revoke_admin_token", audit.get(0).get("action").asText());
        assertEquals("admin:dave", audit.get(0).get("subject").asText());
    }

    @Test
    void offlineWithTheDataDirectoryTheLastTokenCanBeRevokedAndANewOneMade() throws Exception {
        String data = dir.resolve("data").toString();
        ConsoleRun revoke = run("admin", "token", "revoke", "carol", "--data-dir", data);
        assertEquals(0, revoke.status(), revoke.err());
        assertEquals(1, admin("list").status());

        ConsoleRun list = run("admin", "token", "list", "--data-dir", data);
        assertEquals(0, list.status(), list.err());
        assertTrue(list.out().contains("carol  revoked@"), list.out());
        assertTrue(list.out().contains("_by_local:" + System.getProperty("user.name")), list.out());

        ConsoleRun created = run("admin", "token", "create", "--data-dir", data, "--name", "erin");
        assertEquals(0, run("admin", "list", "--url", url(), "--pin", pin(), "--token", created.out().strip()).status());
    }

    @Test
    void showAndAuditPrintForPeopleWithIsoTimesAndJsonOnlyWithJson() throws Exception {
        TestNode node = new TestNode("papa", 50600);
        try (Response response = node.register(registry, registry.registrationKey(), null)) {
            assertEquals(201, response.code());
        }
        String key = node.key().base64();

        ConsoleRun approved = admin("approve", key);
        ConsoleRun show = admin("show", key);
        ConsoleRun audit = admin("audit", "--limit", "1");

        assertEquals(0, approved.status(), approved.err());
        assertTrue(approved.out().contains("state       approved"), approved.out());
        assertTrue(show.out().startsWith("name        papa\nstate       approved\npublic_key  " + key + "\n"), show.out());
        assertTrue(show.out().matches("(?s).*created     20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\n.*"), show.out());
        assertTrue(audit.out().matches("20\\d\\d-\\d\\d-\\d\\dT[0-9:]+Z  admin:carol  approve  " + java.util.regex.Pattern.quote(key)
                + "  pending -> approved\n"), audit.out());
        assertEquals("papa", json(admin("show", key, "--json")).get("name").asText());
    }

    @Test
    void aBadArgumentExitsTwoAndARefusalOne() throws Exception {
        TestNode node = new TestNode("quebec", 50610);
        try (Response response = node.register(registry, registry.registrationKey(), null)) {
            assertEquals(201, response.code());
        }

        assertEquals(2, admin("edit", node.key().base64(), "--name", "bad name!").status(), "the registry's 400");
        assertEquals(0, admin("reject", node.key().base64()).status());
        assertEquals(1, admin("reject", node.key().base64()).status(), "rejecting twice is a refusal (409), not a bad argument");
    }

    @Test
    void withoutThePinTheSelfSignedRegistryIsNotTrusted() throws Exception {
        ConsoleRun run = run("admin", "list", "--url", url(), "--token", token);

        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("rait-registry: cannot reach " + url()), run.err());
        assertTrue(run.err().contains("not signed by a CA this machine trusts"), "says what is wrong: " + run.err());
        assertTrue(run.err().contains("--tls-pin " + pin()), "prints the pin to use: " + run.err());
        assertTrue(!run.err().contains("PKIX"), "no raw trace: " + run.err());
    }

    private ConsoleRun admin(String... args) {
        List<String> all = new ArrayList<>(List.of("admin"));
        all.addAll(List.of(args));
        all.addAll(List.of("--url", url(), "--pin", pin(), "--token", token));
        return run(all.toArray(new String[0]));
    }

    private String url() {
        return "https://127.0.0.1:" + registry.server.port();
    }

    private String pin() {
        return registry.server.tls().pin().render();
    }

    private static JsonNode json(ConsoleRun run) throws Exception {
        assertEquals(0, run.status(), run.err());
        return RunningRegistry.MAPPER.readTree(run.out());
    }

    private static ConsoleRun run(String... args) {
        return ConsoleRun.capture("", () -> Main.run(args));
    }
}
