package org.rait.registry.store;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;

/**
 * The stores every store test runs against: {@code @ParameterizedClass @EnumSource(StoreKind.class)}. The
 * PostgreSQL half is skipped, with the reason, where no PostgreSQL server binaries are installed.
 */
public enum StoreKind {
    SQLITE {
        @Override
        public Database database(Path dir) {
            return Database.sqlite(dir.resolve("registry.db"));
        }
    },
    POSTGRESQL {
        @Override
        public Database database(Path dir) {
            ThrowawayPostgres server = ThrowawayPostgres.shared().orElse(null);
            Assumptions.assumeTrue(server != null, () -> "no PostgreSQL here: " + ThrowawayPostgres.unavailableReason());
            return server.freshDatabase();
        }
    };

    /** A new, empty database of this kind ({@code dir} holds a SQLite file). */
    public abstract Database database(Path dir);

    public RegistryStore open(Path dir) {
        return RegistryStore.open(database(dir));
    }
}
