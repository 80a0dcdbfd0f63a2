package org.rait.registry.nodes;

import org.rait.log.EventLog;
import org.rait.registry.Refusal;
import org.rait.registry.store.AdminTokenTable;
import org.rait.registry.store.RegistryStore;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/** Admin bearer tokens: issued once in clear, stored as hashes, checked in constant time. */
public final class AdminTokens {
    public static final String PREFIX = "rait-admin-";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,62}");

    private final RegistryStore store;
    private final Clock clock;

    public AdminTokens(RegistryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Creates a token for the named admin and returns it; this is the only time it is visible. */
    public String issue(String issuedBy, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new Refusal(Refusal.Kind.INVALID, "admin name must be 1-63 characters of letters, digits, '.', '_', '@', '-', got '"
                    + name + "'");
        }
        String token = Secrets.newToken(PREFIX);
        var now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        store.transaction(tx -> {
            if (tx.adminTokens().nameExists(name)) {
                throw new Refusal(Refusal.Kind.CONFLICT, "an admin token named '" + name + "' already exists");
            }
            tx.adminTokens().insert(name, Secrets.hash(token), now);
            tx.audit().record(now, issuedBy, "create_admin_token", "admin:" + name, "");
            return null;
        });
        EventLog.stderr().info("admin_token_created", "by", issuedBy, "name", name);
        return token;
    }

    /**
     * The admin name for an Authorization header value ("Bearer TOKEN"). Every stored hash is
     * compared, in constant time, so timing says nothing about which token came close.
     */
    public String authenticate(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() <= 7) {
            throw new Refusal(Refusal.Kind.UNAUTHENTICATED, "an admin token is required: Authorization: Bearer TOKEN");
        }
        byte[] presented = Secrets.hash(authorization.substring(7).strip());
        List<AdminTokenTable.StoredAdminToken> tokens = store.transaction(tx -> tx.adminTokens().all());
        String match = null;
        for (AdminTokenTable.StoredAdminToken stored : tokens) {
            if (MessageDigest.isEqual(presented, stored.hash())) {
                match = stored.name();
            }
        }
        if (match == null) {
            throw new Refusal(Refusal.Kind.UNAUTHENTICATED, "the admin token is not valid");
        }
        return match;
    }
}
