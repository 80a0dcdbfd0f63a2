package org.rait.registry;

import okhttp3.Response;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rait.registry.cli.Main;
import org.rait.registry.config.ListenAddress;
import org.rait.registry.config.RegistryConfig;
import org.rait.registry.store.AdminToken;
import org.rait.registry.store.Database;
import org.rait.registry.store.RegistryStore;
import org.rait.registry.store.ThrowawayPostgres;
import org.rait.testing.ConsoleRun;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `rait-registry admin ... --config FILE` on a registry whose database is PostgreSQL: the commands reach the
 * configured database (password from the file the config names), never a SQLite file in the data directory.
 */
class AdminOnPostgresqlTest {
    @TempDir
    Path dir;

    @Test
    void tokenCreateAndOfflineApproveGoToTheConfiguredDatabase() throws Exception {
        ThrowawayPostgres server = ThrowawayPostgres.shared().orElse(null);
        Assumptions.assumeTrue(server != null, () -> "no PostgreSQL here: " + ThrowawayPostgres.unavailableReason());
        Database.Postgresql database = (Database.Postgresql) server.freshDatabase();
        Path data = dir.resolve("data");
        TestNode node = new TestNode("papa", 50800);
        try (RunningRegistry registry = RunningRegistry.start(data, RegistryConfig.defaults().withDataDir(data)
                .withListen(new ListenAddress("127.0.0.1", 0)).withDatabase(database))) {
            try (Response response = node.register(registry, registry.registrationKey(), null)) {
                assertEquals(201, response.code());
            }
        }
        Path password = Files.writeString(dir.resolve("database.password"), server.password() + "\n");
        Path config = Files.writeString(dir.resolve("registry.toml"), "data_dir = \"" + data + "\"\n"
                + "database = \"" + database.address() + "\"\n"
                + "database_password_file = \"" + password + "\"\n");

        ConsoleRun created = run("admin", "token", "create", "--name", "bob", "--config", config.toString());
        ConsoleRun approved = run("admin", "approve", node.key().base64(), "--config", config.toString(), "--json");

        assertEquals(0, created.status(), created.err());
        assertTrue(created.out().startsWith("rait-admin-"), created.out());
        assertEquals(0, approved.status(), approved.err());
        assertFalse(Files.exists(data.resolve("registry.db")), "no SQLite file beside a PostgreSQL database");
        try (RegistryStore store = RegistryStore.open(database)) {
            assertTrue(store.transaction(tx -> tx.adminTokens().list()).stream().map(AdminToken::name).anyMatch("bob"::equals));
            String published = new String(store.transaction(tx -> tx.snapshots().latest()).orElseThrow().blockBody(), StandardCharsets.UTF_8);
            assertTrue(published.contains(node.key().base64()), published);
        }
    }

    private static ConsoleRun run(String... args) {
        return ConsoleRun.capture("", () -> Main.run(args));
    }
}
