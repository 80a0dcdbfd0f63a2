package org.rait.registry.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The registry's database: SQLite (WAL, full sync) or PostgreSQL. Every read and write is a transaction
 * on one connection. Transactions asked for at the same time commit together (group commit): each runs
 * in its own savepoint, so one that fails is undone alone, and one commit (one fsync) makes the whole
 * group durable; nobody gets an answer before that commit. An acknowledged request is on disk either way.
 * Each group holds the writers' lock of its {@link Dialect}, so transactions never interleave, also across
 * processes on one database. A PostgreSQL connection that is lost is opened again for the next group.
 */
public final class RegistryStore implements AutoCloseable {
    /** Work done inside one transaction; any exception rolls it back and is rethrown. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Transaction tx) throws SQLException;
    }

    /** More waiting transactions than this go into the next group. */
    private static final int MAX_GROUP = 64;
    private final Database database;
    private Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final Queue<Pending<?>> waiting = new ConcurrentLinkedQueue<>();

    private RegistryStore(Database database, Connection connection) {
        this.database = database;
        this.connection = connection;
    }

    /** The SQLite file, made when missing. */
    public static RegistryStore open(Path file) {
        return open(Database.sqlite(file));
    }

    /** Connects and brings the schema up to date. */
    public static RegistryStore open(Database database) {
        Connection connection = null;
        try {
            connection = database.connect();
            Migrations.apply(connection, database.dialect());
            return new RegistryStore(database, connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new StoreException("cannot open the registry database " + database.describe() + ": " + withCause(e), e);
        }
    }

    /** The driver's message, and its cause's when that says more (which socket, refused or missing). */
    private static String withCause(SQLException e) {
        String message = String.valueOf(e.getMessage());
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.contains(cause.getMessage())) {
                return message + " (" + cause.getMessage() + ")";
            }
        }
        return message;
    }

    public Database database() {
        return database;
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
            Connection connection = connection();
            connection.setAutoCommit(false);
            try {
                if (!database.dialect().writerLock().isEmpty()) {
                    try (Statement st = connection.createStatement()) {
                        st.execute(database.dialect().writerLock());
                    }
                }
                Transaction tx = new Transaction(connection);
                for (Pending<?> pending : group) {
                    pending.runIn(tx, connection, database);
                }
                connection.commit();
            } catch (SQLException | RuntimeException | Error e) {
                rollback(connection);
                StoreException failed = new StoreException("database " + database.describe() + ": commit failed: " + e.getMessage(), e);
                group.forEach(p -> p.failCommitted(failed));
                if (e instanceof SQLException s) forgetIfLost(s);
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            StoreException failed = new StoreException("database " + database.describe() + ": " + e.getMessage(), e);
            group.forEach(p -> p.failCommitted(failed));
            forgetIfLost(e);
        } finally {
            group.forEach(Pending::finish);
        }
    }

    /** The open connection, or a new one when the last was lost (PostgreSQL restarted, network cut). Holds the lock. */
    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            closeQuietly(connection);
            connection = null;
            connection = database.connect();
        }
        return connection;
    }

    /** A lost connection is dropped here, so the next group connects again instead of failing the same way. */
    private void forgetIfLost(SQLException e) {
        if (Dialect.connectionLost(e)) {
            closeQuietly(connection);
            connection = null;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Already broken; a new connection replaces it.
        }
    }

    private <T> T runNested(Work<T> work) {
        try {
            return work.run(new Transaction(connection));
        } catch (SQLException e) {
            throw new StoreException("database " + database.describe() + ": " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The original failure is what the caller needs to see; both databases roll back on close anyway.
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (connection != null) connection.close();
        } catch (SQLException e) {
            throw new StoreException("closing database " + database.describe() + ": " + e.getMessage(), e);
        } finally {
            connection = null;
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
        void runIn(Transaction tx, Connection connection, Database database) throws SQLException {
            Savepoint savepoint = connection.setSavepoint();
            try {
                value = work.run(tx);
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                connection.rollback(savepoint);
                runtimeFailure = new StoreException("database " + database.describe() + ": " + e.getMessage(), e);
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
