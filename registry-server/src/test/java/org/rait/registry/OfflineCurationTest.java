package org.rait.registry;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rait.registry.cli.Main;
import org.rait.registry.store.AuditEntry;
import org.rait.registry.store.RegistryStore;
import org.rait.registry.store.StoredSnapshot;
import org.rait.snapshot.MinisignPublicKey;
import org.rait.testing.ConsoleRun;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `rait-registry admin ... --data-dir DIR`: curation straight on the data directory, with the
 * registry stopped or running, through the same code, checks, audit and signed publishing as the API.
 */
class OfflineCurationTest {
    private static final String LOCAL_ACTOR = "local:" + System.getProperty("user.name");

    @TempDir
    Path dir;
    Path data;
    RunningRegistry registry;
    TestNode node;
    long servedBefore;


    /** A registry with one pending node, then stopped (each test restarts it if it needs one). */
    @BeforeEach
    void registerAPendingNodeAndStop() throws Exception {
        data = dir.resolve("data");
        registry = RunningRegistry.start(data);
        node = new TestNode("oscar", 50700);
        try (Response response = node.register(registry, registry.registrationKey(), null)) {
            assertEquals(201, response.code());
        }
        servedBefore = FetchedSnapshot.fetch(registry, "").serial();
        registry.close();
        registry = null;
    }

    @AfterEach
    void stop() {
        if (registry != null) registry.close();
    }

    @Test
    void offlineApprovePublishesANewSnapshotSignedWithTheDataDirectorysKeyAndAuditsTheUnixUser() throws Exception {
        ConsoleRun approved = offline("approve", node.key().base64(), "--json");

        assertEquals(0, approved.status(), approved.err());
        assertEquals("approved", RunningRegistry.MAPPER.readTree(approved.out()).get("state").asText());
        StoredSnapshot latest = stored();
        assertEquals(servedBefore + 1, latest.serial());
        assertTrue(new String(latest.blockBody(), StandardCharsets.UTF_8).contains(node.key().base64()));
        MinisignPublicKey key = MinisignPublicKey.parseFile(Files.readString(data.resolve("minisign.pub")));
        String comment = new FetchedSnapshot(latest.blockBody(), latest.blockSignature(), latest.serial(), "", "")
                .verifiedByMinisign(key, dir);
        assertTrue(comment.startsWith("serial:" + latest.serial() + " "), comment);
        AuditEntry entry = audit().get(0);
        assertEquals(List.of(LOCAL_ACTOR, "approve", node.key().base64(), "pending -> approved"),
                List.of(entry.actor(), entry.action(), entry.subject(), entry.detail()));
    }

    @Test
    void aServerStartedAfterAnOfflineChangeServesItsSerial() throws Exception {
        assertEquals(0, offline("approve", node.key().base64()).status());

        registry = RunningRegistry.start(data);
        FetchedSnapshot served = FetchedSnapshot.fetch(registry, "");

        assertEquals(servedBefore + 1, served.serial());
        assertTrue(served.text().contains(node.key().base64()));
    }

    @Test
    void aRunningServerServesAnOfflineChangeWithinSeconds() throws Exception {
        registry = RunningRegistry.start(data);
        assertEquals(servedBefore, FetchedSnapshot.fetch(registry, "").serial());

        long started = System.nanoTime();
        assertEquals(0, offline("approve", node.key().base64()).status());
        FetchedSnapshot served = FetchedSnapshot.fetch(registry, "");
        long deadline = started + Duration.ofSeconds(10).toNanos();
        while (served.serial() == servedBefore && System.nanoTime() < deadline) {
            Thread.sleep(100);
            served = FetchedSnapshot.fetch(registry, "");
        }

        assertEquals(servedBefore + 1, served.serial(), "the running server still serves the old snapshot");
        assertTrue(served.text().contains(node.key().base64()));
        System.out.printf("running registry served the offline change (serial %d) %.1f s after the command started%n",
                served.serial(), (System.nanoTime() - started) / 1e9);
    }

    @Test
    void aChangeOverTheApiAfterAnOfflineOneTakesTheNextSerial() throws Exception {
        registry = RunningRegistry.start(data);
        assertEquals(0, offline("approve", node.key().base64()).status());

        registry.adminJson("PATCH", "/v1/admin/nodes/" + RunningRegistry.keyPath(node.key()), Map.of("name", "oscar2"));

        FetchedSnapshot served = FetchedSnapshot.fetch(registry, "");
        assertEquals(servedBefore + 2, served.serial());
        assertTrue(served.text().contains("oscar2"));
    }

    @Test
    void anUnknownNodeIsRefusedWithTheApisMessageAndExitStatusOne() {
        ConsoleRun run = offline("approve", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

        assertEquals(1, run.status());
        assertEquals("rait-registry: refused (404): no node with public key AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", run.err());
    }

    @Test
    void offlineRefusalsMatchTheApisWordForWord() throws Exception {
        assertEquals(0, offline("approve", node.key().base64()).status());
        registry = RunningRegistry.start(data);
        String path = "/v1/admin/nodes/" + RunningRegistry.keyPath(node.key());

        assertSameRefusal(offline("approve", node.key().base64()), registry.admin("POST", path + "/approve", null, registry.adminToken));
        assertSameRefusal(offline("reject", node.key().base64()), registry.admin("POST", path + "/reject", null, registry.adminToken));
        assertSameRefusal(offline("edit", node.key().base64(), "--name", "bad name!"),
                registry.admin("PATCH", path, Map.of("name", "bad name!"), registry.adminToken));
        assertSameRefusal(offline("edit", node.key().base64(), "--endpoint", "ip5:50700"),
                registry.admin("PATCH", path, Map.of("endpoints", List.of(Map.of("address_family", "ip5", "send_port", 50700,
                        "address", ""))), registry.adminToken));
        assertEquals(servedBefore + 1, stored().serial(), "a refused change publishes nothing");
    }

    @Test
    void aNodeIsNamedByItsNameAsWellAsByItsKeyAndTheHealthMatrixListsTheApprovedNodes() throws Exception {
        ConsoleRun approved = offline("approve", "oscar", "--json");
        assertEquals(0, approved.status(), approved.err());
        assertEquals(node.key().base64(), RunningRegistry.MAPPER.readTree(approved.out()).get("public_key").asText());
        assertEquals(2, offline("show", "nobody").status());

        ConsoleRun health = offline("health");
        assertEquals(0, health.status(), health.err());
        assertEquals(List.of("from \\ to oscar", "oscar     -", "0 of 0 directed pairs fresh, 0 marked"),
                health.out().lines().limit(3).toList());
        JsonNode json = RunningRegistry.MAPPER.readTree(offline("list", "--json").out());
        assertEquals(false, json.get(0).get("online").asBoolean());
        assertTrue(json.get(0).get("last_seen").isNull(), json.toString());
    }

    @Test
    void listShowEditRevokeAndDeleteWorkOfflineAndEachIsAudited() throws Exception {
        String key = node.key().base64();
        assertEquals("NAME   STATE    ONLINE  LAST_SEEN  SERIAL  VERSION  ENDPOINTS            KEY\n"
                + "oscar  pending  no      never      -       -        ip4:50700:192.0.2.1  " + key + "\n", offline("list", "--state", "pending").out());
        assertEquals("oscar", RunningRegistry.MAPPER.readTree(offline("show", key, "--json").out()).get("name").asText());
        assertEquals(0, offline("approve", key).status());
        JsonNode edited = RunningRegistry.MAPPER.readTree(offline("edit", key, "--name", "oscar2", "--endpoint", "ip6:50701:[2001:db8::7]", "--json").out());
        assertEquals("2001:db8::7", edited.get("endpoints").get(0).get("address").asText());
        assertEquals(0, offline("revoke", key).status());
        assertEquals(0, offline("delete", key).status());
        assertEquals("", offline("list").out());

        List<String> actions = new ArrayList<>();
        audit().subList(0, 4).forEach(e -> actions.add(e.actor() + " " + e.action()));
        assertEquals(List.of(LOCAL_ACTOR + " delete", LOCAL_ACTOR + " revoke", LOCAL_ACTOR + " edit", LOCAL_ACTOR + " approve"), actions);
        assertEquals(servedBefore + 3, stored().serial(), "approve, edit of an approved node, revoke: one snapshot each");
    }

    @Test
    void aDirectoryWithoutARegistryIsRefusedAndLeftUntouched() {
        Path empty = dir.resolve("empty");

        ConsoleRun run = run("admin", "list", "--data-dir", empty.toString());

        assertEquals(1, run.status());
        assertEquals("rait-registry: " + empty + " holds no registry (no registry.db); run `rait-registry serve --data-dir "
                + empty + "` once to create it\n", run.err());
        assertFalse(Files.exists(empty));
    }

    private static void assertSameRefusal(ConsoleRun offline, Response api) throws Exception {
        JsonNode answer = RunningRegistry.json(api);
        assertEquals(api.code() == 400 ? 2 : 1, offline.status(), "a bad argument exits 2, a refusal 1: " + offline.out());
        assertEquals("rait-registry: refused (" + api.code() + "): " + answer.get("error").asText() + "\n", offline.err());
    }

    private StoredSnapshot stored() {
        try (RegistryStore store = RegistryStore.open(data.resolve("registry.db"))) {
            return store.transaction(tx -> tx.snapshots().latest()).orElseThrow();
        }
    }

    private List<AuditEntry> audit() {
        try (RegistryStore store = RegistryStore.open(data.resolve("registry.db"))) {
            return store.transaction(tx -> tx.audit().latest(10));
        }
    }

    private ConsoleRun offline(String... args) {
        List<String> all = new ArrayList<>(List.of("admin"));
        all.addAll(List.of(args));
        all.addAll(List.of("--data-dir", data.toString()));
        return run(all.toArray(new String[0]));
    }

    private static ConsoleRun run(String... args) {
        return ConsoleRun.capture("", () -> Main.run(args));
    }
}
