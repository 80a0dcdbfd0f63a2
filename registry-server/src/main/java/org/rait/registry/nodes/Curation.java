package org.rait.registry.nodes;

import org.rait.keys.WgKey;
import org.rait.log.EventLog;
import org.rait.peers.Endpoint;
import org.rait.registry.Refusal;
import org.rait.registry.snapshot.PublishedSnapshot;
import org.rait.registry.snapshot.Publication;
import org.rait.registry.store.AuditEntry;
import org.rait.registry.store.EnrollmentToken;
import org.rait.registry.store.Node;
import org.rait.registry.store.NodeState;
import org.rait.registry.store.RegistryStore;
import org.rait.registry.store.Transaction;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What admins do to nodes and tokens. Each change is one transaction that also writes the audit
 * entry; when the approved set changes, the call returns once a snapshot holding the change is served.
 */
public final class Curation {
    /** A new enrollment token: the token text is shown once and never stored. */
    public record IssuedEnrollmentToken(String token, EnrollmentToken stored) {
    }

    private enum Transition {
        APPROVE(NodeState.APPROVED, EnumSet.of(NodeState.PENDING, NodeState.REJECTED, NodeState.REVOKED)),
        REJECT(NodeState.REJECTED, EnumSet.of(NodeState.PENDING)),
        REVOKE(NodeState.REVOKED, EnumSet.of(NodeState.APPROVED, NodeState.PENDING));

        final NodeState target;
        final Set<NodeState> from;

        Transition(NodeState target, Set<NodeState> from) {
            this.target = target;
            this.from = from;
        }
    }

    private final RegistryStore store;
    private final Publication publication;
    private final Clock clock;

    public Curation(RegistryStore store, Publication publication, Clock clock) {
        this.store = store;
        this.publication = publication;
        this.clock = clock;
    }

    public List<Node> list(Optional<NodeState> state) {
        return store.transaction(tx -> tx.nodes().list(state));
    }

    public Node show(WgKey key) {
        return store.transaction(tx -> existing(tx, key));
    }

    public Node approve(Actor actor, WgKey key) {
        return transition(actor, key, Transition.APPROVE);
    }

    public Node reject(Actor actor, WgKey key) {
        return transition(actor, key, Transition.REJECT);
    }

    public Node revoke(Actor actor, WgKey key) {
        return transition(actor, key, Transition.REVOKE);
    }

    /** Changes name and/or endpoints; absent parts stay as they are. */
    public Node edit(Actor actor, WgKey key, Optional<String> name, Optional<List<Endpoint>> endpoints) {
        return change(actor, key, "edit", (tx, node, now) -> {
            NodeEntry entry = NodeEntry.validated(name.orElse(node.name()), endpoints.orElse(node.endpoints()));
            if (node.state() == NodeState.APPROVED) {
                SendPortClaims.requireFree(tx, key, entry.name(), entry.endpoints(), "be edited");
            }
            Node edited = node.withEntry(entry.name(), entry.endpoints(), now);
            tx.nodes().update(edited);
            return new Change(edited, entry.describe(), node.state() == NodeState.APPROVED && !node.asPeer().equals(edited.asPeer()));
        });
    }

    /** An edit by the holder of this admin token. */
    public Node edit(String admin, WgKey key, Optional<String> name, Optional<List<Endpoint>> endpoints) {
        return edit(Actor.admin(admin), key, name, endpoints);
    }

    public Node delete(Actor actor, WgKey key) {
        return change(actor, key, "delete", (tx, node, now) -> {
            tx.nodes().delete(key);
            return new Change(node, "was " + node.state().word(), node.state() == NodeState.APPROVED);
        });
    }

    public IssuedEnrollmentToken createEnrollmentToken(String admin, int uses, Duration validFor, String note) {
        if (uses < 1 || uses > 100_000) {
            throw new Refusal(Refusal.Kind.INVALID, "uses must be 1-100000, got " + uses);
        }
        if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(Duration.ofDays(3650)) > 0) {
            throw new Refusal(Refusal.Kind.INVALID, "expires_in_seconds must be positive and at most 10 years");
        }
        String token = Secrets.newToken(SelfRegistration.ENROLLMENT_TOKEN_PREFIX);
        Instant now = now();
        EnrollmentToken stored = store.transaction(tx -> {
            long id = tx.enrollmentTokens().insert(Secrets.hash(token), uses, now.plus(validFor), now, admin, note);
            tx.audit().record(now, "admin:" + admin, "create_enrollment_token", "enrollment_token:" + id,
                    "uses=" + uses + " expires=" + now.plus(validFor).getEpochSecond());
            return new EnrollmentToken(id, uses, now.plus(validFor), now, admin, note);
        });
        EventLog.stderr().info("enrollment_token_created", "admin", admin, "id", stored.id(), "uses", uses);
        return new IssuedEnrollmentToken(token, stored);
    }

    /** Withdraws an enrollment token before it is used up or expires. */
    public void deleteEnrollmentToken(Actor actor, long id) {
        Instant now = now();
        store.transaction(tx -> {
            if (!tx.enrollmentTokens().delete(id)) {
                throw new Refusal(Refusal.Kind.NOT_FOUND, "no enrollment token with id " + id);
            }
            tx.audit().record(now, actor.toString(), "delete_enrollment_token", "enrollment_token:" + id, "");
            return null;
        });
        EventLog.stderr().info("enrollment_token_deleted", "actor", actor, "id", id);
    }

    public List<EnrollmentToken> enrollmentTokens() {
        return store.transaction(tx -> tx.enrollmentTokens().list());
    }

    public List<AuditEntry> audit(int limit) {
        return store.transaction(tx -> tx.audit().latest(limit));
    }

    private Node transition(Actor actor, WgKey key, Transition transition) {
        return change(actor, key, transition.name().toLowerCase(java.util.Locale.ROOT), (tx, node, now) -> {
            if (!transition.from.contains(node.state())) {
                throw new Refusal(Refusal.Kind.CONFLICT, "node " + key + " is " + node.state().word() + "; cannot "
                        + transition.name().toLowerCase(java.util.Locale.ROOT) + " it");
            }
            if (transition.target == NodeState.APPROVED) {
                SendPortClaims.requireFree(tx, key, node.name(), node.endpoints(), "be approved");
            }
            Node changed = node.withState(transition.target, now);
            tx.nodes().update(changed);
            boolean affectsPublished = node.state() == NodeState.APPROVED || transition.target == NodeState.APPROVED;
            return new Change(changed, node.state().word() + " -> " + transition.target.word(), affectsPublished);
        });
    }

    private record Change(Node node, String detail, boolean affectsPublished) {
    }

    @FunctionalInterface
    private interface Step {
        Change apply(Transaction tx, Node node, Instant now) throws SQLException;
    }

    private Node change(Actor actor, WgKey key, String action, Step step) {
        Instant now = now();
        Change change = store.transaction(tx -> {
            Change made = step.apply(tx, existing(tx, key), now);
            tx.audit().record(now, actor.toString(), action, key.base64(), made.detail());
            return made;
        });
        EventLog.stderr().info("node_" + action, "actor", actor, "node", key, "detail", change.detail());
        if (change.affectsPublished()) {
            publication.afterChange();
        }
        return change.node();
    }

    private static Node existing(Transaction tx, WgKey key) throws SQLException {
        return tx.nodes().find(key).orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "no node with public key " + key));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
