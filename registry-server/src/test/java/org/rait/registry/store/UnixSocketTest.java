package org.rait.registry.store;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A PostgreSQL address with host=/DIR reaches the server over its unix socket, as libpq's does. */
class UnixSocketTest {
    ThrowawayPostgres server;

    @BeforeEach
    void server() {
        server = ThrowawayPostgres.shared().orElse(null);
        Assumptions.assumeTrue(server != null, () -> "no PostgreSQL here: " + ThrowawayPostgres.unavailableReason());
    }

    @Test
    void aStoreWorksOverTheUnixSocketWithoutPassword() {
        Database database = overSocket("&currentSchema=" + server.freshSchema());
        assertEquals(Optional.of(server.socketDirectory().resolve(".s.PGSQL." + server.port())),
                ((Database.Postgresql) database).unixSocket());

        try (RegistryStore store = RegistryStore.open(database)) {
            store.transaction(tx -> {
                tx.audit().record(Instant.parse("2026-06-01T00:00:00Z"), "local:root", "test", "socket", "");
                return null;
            });

            assertEquals(List.of("socket"), store.transaction(tx -> tx.audit().latest(5)).stream().map(AuditEntry::subject).toList());
        }
    }

    @Test
    void readsHonourTheDriversTimeoutSoNotificationsCanBePolled() throws Exception {
        try (Connection listener = overSocket("").connect(); Connection sender = overSocket("").connect();
             Statement listen = listener.createStatement(); Statement send = sender.createStatement()) {
            listen.execute("LISTEN rait_test");
            PGConnection pg = listener.unwrap(PGConnection.class);

            long started = System.nanoTime();
            PGNotification[] none = pg.getNotifications(200);
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            send.execute("NOTIFY rait_test, 'serial 7'");
            PGNotification[] one = pg.getNotifications(10_000);

            assertEquals(0, none.length);
            assertTrue(waitedMillis < 5_000, "an empty poll returns after its timeout, waited " + waitedMillis + " ms");
            assertEquals(1, one.length);
            assertEquals("serial 7", one[0].getParameter());
        }
    }

    @Test
    void aMissingSocketIsNamedInTheError() {
        Path nowhere = server.socketDirectory().resolve("no-such-dir");
        Database database = Database.postgresql("postgresql:///postgres?user=rait&host=" + nowhere, Optional.empty());

        StoreException e = assertThrows(StoreException.class, () -> RegistryStore.open(database));

        assertTrue(e.getMessage().contains("cannot connect to PostgreSQL's socket " + nowhere.resolve(".s.PGSQL.5432")), e.getMessage());
    }

    private Database overSocket(String more) {
        return Database.postgresql("postgresql:///rait?user=rait&host=" + server.socketDirectory() + "&port=" + server.port() + more,
                Optional.empty());
    }
}
