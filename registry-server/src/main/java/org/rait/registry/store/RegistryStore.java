package org.rait.registry.store;

import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The registry's SQLite database (WAL, full sync). Every read and write is a transaction on one
 * connection. Transactions asked for at the same time commit together (group commit): each runs in
 * its own savepoint, so one that fails is undone alone, and one fsync makes the whole group durable;
 * nobody gets an answer before that commit. An acknowledged request is on disk either way.
 */
public final class RegistryStore implements AutoCloseable {
    /** Work done inside one transaction; any exception rolls it back and is rethrown. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Transaction tx) throws SQLException;
    }

    /** More waiting transactions than this go into the next group. */
    private static final int MAX_GROUP = 64;
    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final Queue<Pending<?>> waiting = new ConcurrentLinkedQueue<>();

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
        if (lock.isHeldByCurrentThread()) {
            // Called from inside another transaction's work: part of that transaction.
            return runNested(work);
        }
        Pending<T> pending = new Pending<>(work);
        waiting.add(pending);
        lock.lock();
        try {
            if (!pending.done) {
                commitGroup();
            }
        } finally {
            lock.unlock();
        }
        return pending.outcome();
    }

    /** Runs the waiting transactions (this thread's among them) as one commit. Holds the lock. */
    private void commitGroup() {
        List<Pending<?>> group = new ArrayList<>();
        for (Pending<?> next = waiting.poll(); next != null; next = group.size() < MAX_GROUP ? waiting.poll() : null) {
            group.add(next);
        }
        try {
            connection.setAutoCommit(false);
            try {
                Transaction tx = new Transaction(connection);
                for (Pending<?> pending : group) {
                    pending.runIn(tx, connection, file);
                }
                connection.commit();
            } catch (SQLException | RuntimeException | Error e) {
                rollback();
                StoreException failed = new StoreException("database " + file + ": commit failed: " + e.getMessage(), e);
                group.forEach(p -> p.failCommitted(failed));
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            StoreException failed = new StoreException("database " + file + ": " + e.getMessage(), e);
            group.forEach(p -> p.failCommitted(failed));
        } finally {
            group.forEach(Pending::finish);
        }
    }

    private <T> T runNested(Work<T> work) {
        try {
            return work.run(new Transaction(connection));
        } catch (SQLException e) {
            throw new StoreException("database " + file + ": " + e.getMessage(), e);
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

    /** One caller's transaction in a group: its work, then its result or failure once the group is done. */
    private static final class Pending<T> {
        private final Work<T> work;
        private T value;
        private RuntimeException runtimeFailure;
        private Error errorFailure;
        private volatile boolean done;

        Pending(Work<T> work) {
            this.work = work;
        }

        /** Runs the work in a savepoint: a failure undoes this work only. */
        void runIn(Transaction tx, Connection connection, Path file) throws SQLException {
            Savepoint savepoint = connection.setSavepoint();
            try {
                value = work.run(tx);
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                connection.rollback(savepoint);
                runtimeFailure = new StoreException("database " + file + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                connection.rollback(savepoint);
                runtimeFailure = e;
            } catch (Error e) {
                connection.rollback(savepoint);
                errorFailure = e;
            }
        }

        /** The group's commit failed: work that had succeeded did not happen after all. */
        void failCommitted(StoreException failure) {
            if (runtimeFailure == null && errorFailure == null) {
                value = null;
                runtimeFailure = failure;
            }
        }

        void finish() {
            done = true;
        }

        T outcome() {
            if (errorFailure != null) throw errorFailure;
            if (runtimeFailure != null) throw runtimeFailure;
            return value;
        }
    }
}
