package org.rait.registry.nodes;

import org.rait.log.EventLog;
import org.rait.registry.Refusal;
import org.rait.registry.store.AdminToken;
import org.rait.registry.store.AdminTokenTable;
import org.rait.registry.store.RegistryStore;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
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
                throw new Refusal(Refusal.Kind.CONFLICT, "an admin token named '" + name
                        + "' already exists (revoked names stay taken, for the record)");
            }
            tx.adminTokens().insert(name, Secrets.hash(token), now, issuedBy);
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
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        // Read on every call, never cached: a revoked token is refused from the next request on.
        String match = store.transaction(tx -> {
            String found = null;
            for (AdminTokenTable.StoredAdminToken stored : tx.adminTokens().active()) {
                if (MessageDigest.isEqual(presented, stored.hash())) {
                    found = stored.name();
                }
            }
            if (found != null) tx.adminTokens().markUsed(found, now);
            return found;
        });
        if (match == null) {
            throw new Refusal(Refusal.Kind.UNAUTHENTICATED, "the admin token is not valid (unknown or revoked)");
        }
        return match;
    }

    /** Every admin token ever issued, revoked ones included; never a secret or a hash. */
    public List<AdminToken> list() {
        return store.transaction(tx -> tx.adminTokens().list());
    }

    /**
     * Revokes the named token: refused from the next request on, listed as revoked, audited.
     *
     * @throws Refusal NOT_FOUND for an unknown name, CONFLICT when it is revoked already
     */
    public AdminToken revoke(Actor actor, String name) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        AdminToken revoked = store.transaction(tx -> {
            AdminToken token = tx.adminTokens().find(name)
                    .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "no admin token named '" + name + "'"));
            if (!tx.adminTokens().revoke(name, now, actor.toString())) {
                throw new Refusal(Refusal.Kind.CONFLICT, "the admin token '" + name + "' is revoked already (at "
                        + token.revokedAt().map(Instant::toString).orElse("?") + " by " + token.revokedBy().orElse("?") + ")");
            }
            tx.audit().record(now, actor.toString(), "revoke_admin_token", "admin:" + name, "");
            return tx.adminTokens().find(name).orElseThrow();
        });
        EventLog.stderr().info("admin_token_revoked", "by", actor, "name", name);
        return revoked;
    }
}
