package org.rait.registry.store;

import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The registry's SQLite database (WAL, full sync). Every read and write runs as one transaction on
 * one connection, one at a time: a registration and the snapshot it causes commit together, so an
 * acknowledged request is on disk and the serial can never go backwards.
 */
public final class RegistryStore implements AutoCloseable {
    /** Work done inside one transaction; any exception rolls it back and is rethrown. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Transaction tx) throws SQLException;
    }

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private RegistryStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    public static RegistryStore open(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        try {
            Connection connection = config.createConnection("jdbc:sqlite:" + file);
            Migrations.apply(connection);
            return new RegistryStore(file, connection);
        } catch (SQLException e) {
            throw new StoreException("cannot open the registry database " + file + ": " + e.getMessage(), e);
        }
    }

    public <T> T transaction(Work<T> work) {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(new Transaction(connection));
                connection.commit();
                return result;
            } catch (SQLException e) {
                rollback();
                throw new StoreException("database " + file + ": " + e.getMessage(), e);
            } catch (RuntimeException | Error e) {
                rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("database " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    public int schemaVersion() {
        lock.lock();
        try {
            return Migrations.current(connection);
        } catch (SQLException e) {
            throw new StoreException("database " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The original failure is what the caller needs to see; SQLite rolls back on close anyway.
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("closing database " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
