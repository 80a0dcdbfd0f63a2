package org.rait.registry.store;

import java.sql.Connection;

/** The tables, as seen from inside one transaction. */
public final class Transaction {
    private final Connection connection;

    Transaction(Connection connection) {
        this.connection = connection;
    }

    public NodeTable nodes() {
        return new NodeTable(connection);
    }

    public EnrollmentTokenTable enrollmentTokens() {
        return new EnrollmentTokenTable(connection);
    }

    public AdminTokenTable adminTokens() {
        return new AdminTokenTable(connection);
    }

    public AuditLog audit() {
        return new AuditLog(connection);
    }

    public ReportTable reports() {
        return new ReportTable(connection);
    }

    public SigningKeyTable signingKeys() {
        return new SigningKeyTable(connection);
    }

    public SnapshotTable snapshots() {
        return new SnapshotTable(connection);
    }

    /** For the store's own tests, which look below the tables (row counts, the server's session). */
    Connection connection() {
        return connection;
    }
}
