package org.rait.registry.store;

import org.postgresql.Driver;
import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/** Where the registry keeps its state: a SQLite file (the default, in the data directory) or a PostgreSQL database. */
public sealed interface Database {
    /** A new connection, set up the way {@link RegistryStore} expects. */
    Connection connect() throws SQLException;

    Dialect dialect();

    /** For messages and logs: never a password. */
    String describe();

    static Database sqlite(Path file) {
        return new Sqlite(file);
    }

    /**
     * A {@code postgresql://host[:port]/database?user=...} address (the JDBC driver's, without "jdbc:"); the
     * password is given apart, never in the address, so that the address can be logged and shown. As with
     * libpq, {@code host=/var/run/postgresql} (a directory) means PostgreSQL's unix socket in it:
     * {@code postgresql:///rait?user=rait&host=/var/run/postgresql}.
     *
     * @throws IllegalArgumentException saying what is wrong with the address
     */
    static Database postgresql(String address, Optional<String> password) {
        return new Postgresql(address, password);
    }

    /** WAL, full sync, writers serialised by BEGIN IMMEDIATE, foreign keys on. */
    record Sqlite(Path file) implements Database {
        @Override
        public Connection connect() throws SQLException {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(10_000);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            config.enforceForeignKeys(true);
            return config.createConnection("jdbc:sqlite:" + file);
        }

        @Override
        public Dialect dialect() {
            return Dialect.SQLITE;
        }

        @Override
        public String describe() {
            return file.toString();
        }
    }

    /** A PostgreSQL database; {@link #toString()} leaves the password out. */
    record Postgresql(String address, Optional<String> password) implements Database {
        private static final String SCHEME = "postgresql://";

        public Postgresql {
            if (!address.startsWith(SCHEME)) {
                throw new IllegalArgumentException("must be a postgresql://HOST[:PORT]/DATABASE?user=NAME address (leave it out for "
                        + "the SQLite file in data_dir), got '" + address + "'");
            }
            Properties parsed = Driver.parseURL("jdbc:" + address, new Properties());
            if (parsed == null) {
                throw new IllegalArgumentException("not a PostgreSQL address (postgresql://HOST[:PORT]/DATABASE?user=NAME): '" + address + "'");
            }
            if (parsed.containsKey("password")) {
                throw new IllegalArgumentException("the address must not hold the password: put it in database_password_file "
                        + "or the environment variable RAIT_REGISTRY_DATABASE_PASSWORD");
            }
            if (parsed.getProperty("PGDBNAME", "").isEmpty()) {
                throw new IllegalArgumentException("the address names no database (postgresql://HOST[:PORT]/DATABASE): '" + address + "'");
            }
        }

        /** The unix socket the address names with host=/DIR: DIR/.s.PGSQL.PORT, PostgreSQL's own naming. */
        public Optional<Path> unixSocket() {
            Properties parsed = Driver.parseURL("jdbc:" + address, new Properties());
            String host = parsed.getProperty("PGHOST", "");
            return host.startsWith("/") ? Optional.of(Path.of(host, ".s.PGSQL." + parsed.getProperty("PGPORT", "5432")))
                    : Optional.empty();
        }

        @Override
        public Connection connect() throws SQLException {
            Properties properties = new Properties();
            password.ifPresent(p -> properties.setProperty("password", p));
            unixSocket().ifPresent(socket -> {
                properties.setProperty("socketFactory", UnixSocketFactory.class.getName());
                properties.setProperty("socketFactoryArg", socket.toString());
                // PostgreSQL offers no TLS on its unix socket; asking would only cost a round trip.
                properties.setProperty("sslmode", "disable");
            });
            // Seen in pg_stat_activity, so an operator can tell the registries' connections apart.
            properties.setProperty("ApplicationName", "rait-registry");
            return new Driver().connect("jdbc:" + address, properties);
        }

        @Override
        public Dialect dialect() {
            return Dialect.POSTGRESQL;
        }

        @Override
        public String describe() {
            return address;
        }

        @Override
        public String toString() {
            return "Postgresql[" + address + (password.isPresent() ? ", password given" : "") + "]";
        }
    }
}
