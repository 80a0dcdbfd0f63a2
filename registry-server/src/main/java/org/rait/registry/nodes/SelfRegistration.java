package org.rait.registry.nodes;

import org.rait.log.EventLog;
import org.rait.registration.RegistrationKey;
import org.rait.registration.RequestProof;
import org.rait.registry.Refusal;
import org.rait.registry.snapshot.PublishedSnapshot;
import org.rait.registry.snapshot.Publication;
import org.rait.registry.store.Node;
import org.rait.registry.store.NodeState;
import org.rait.registry.store.RegistryStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A node registering or updating its own entry. The proof shows it holds the WireGuard private key;
 * the timestamp must be within the clock window and newer than the node's last accepted request
 * (so a captured request cannot be replayed). Without an enrollment token a new node waits for an
 * admin (pending); a valid token approves it at once.
 */
public final class SelfRegistration {
    public static final String ENROLLMENT_TOKEN_PREFIX = "rait-enroll-";

    /** What happened: the node as stored now, whether it is new, and the snapshot it caused, if any. */
    public record Outcome(Node node, boolean created, Optional<PublishedSnapshot> snapshot) {
    }

    private final RegistryStore store;
    private final ProofCheck proofCheck;
    private final Publication publication;
    private final Clock clock;

    public SelfRegistration(RegistryStore store, RegistrationKey registrationKey, Publication publication,
                            Duration clockWindow, Clock clock) {
        this.store = store;
        this.proofCheck = new ProofCheck(registrationKey, clockWindow);
        this.publication = publication;
        this.clock = clock;
    }

    public Outcome register(RequestProof proof, String method, String path, byte[] body, NodeEntry entry,
                            Optional<String> enrollmentToken) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        proofCheck.verify(proof, method, path, body, now);
        record Committed(Node node, boolean created, boolean publishedSetChanged) {
        }
        Committed committed = store.transaction(tx -> {
            // The timestamp is claimed first, in one statement with its check, so that on a database shared by
            // several registries a request replayed to two of them at once passes at most once.
            Optional<Node> existing = tx.nodes().find(proof.nodeKey());
            if (existing.isPresent() && !tx.nodes().claimRequestTimestamp(proof.nodeKey(), proof.timestamp())) {
                throw replay(proof, tx.nodes().find(proof.nodeKey()).orElse(existing.get()).lastRequestTimestamp());
            }
            if (existing.isPresent() && (existing.get().state() == NodeState.REJECTED || existing.get().state() == NodeState.REVOKED)) {
                throw new Refusal(Refusal.Kind.FORBIDDEN, "node " + proof.nodeKey() + " is " + existing.get().state().word()
                        + "; only an admin can change that");
            }
            boolean alreadyApproved = existing.map(n -> n.state() == NodeState.APPROVED).orElse(false);
            boolean approveNow = false;
            if (enrollmentToken.isPresent() && !alreadyApproved) {
                if (tx.enrollmentTokens().consume(Secrets.hash(enrollmentToken.get()), now).isEmpty()) {
                    throw new Refusal(Refusal.Kind.FORBIDDEN, "the enrollment token is unknown, expired or used up");
                }
                approveNow = true;
            }
            NodeState state = alreadyApproved || approveNow ? NodeState.APPROVED : NodeState.PENDING;
            if (state == NodeState.APPROVED) {
                SendPortClaims.requireFree(tx, proof.nodeKey(), entry.name(), entry.endpoints(),
                        alreadyApproved ? "update its entry" : "be approved with an enrollment token");
            }
            Node node = new Node(proof.nodeKey(), entry.name(), entry.endpoints(), state,
                    existing.map(Node::createdAt).orElse(now), now, proof.timestamp());
            if (existing.isPresent()) {
                tx.nodes().update(node);
            } else if (!tx.nodes().insert(node)) {
                // Another registry on the same database committed this key's first request meanwhile.
                throw replay(proof, tx.nodes().find(proof.nodeKey()).map(Node::lastRequestTimestamp).orElse(proof.timestamp()));
            }
            String actor = "node:" + proof.nodeKey();
            String action = existing.isEmpty() ? "register" : "update";
            tx.audit().record(now, actor, action, proof.nodeKey().base64(), entry.describe() + " state=" + state.word()
                    + (approveNow ? " enrollment_token=used" : ""));
            boolean publishedSetChanged = state == NodeState.APPROVED
                    && (!alreadyApproved || !existing.get().asPeer().equals(node.asPeer()));
            return new Committed(node, existing.isEmpty(), publishedSetChanged);
        });
        Outcome outcome = new Outcome(committed.node(), committed.created(),
                committed.publishedSetChanged() ? Optional.of(publication.afterChange()) : Optional.empty());
        EventLog.stderr().info(outcome.created() ? "node_registered" : "node_updated", "node", proof.nodeKey(),
                "name", outcome.node().name(), "state", outcome.node().state().word());
        return outcome;
    }

    private static Refusal replay(RequestProof proof, long lastAccepted) {
        return new Refusal(Refusal.Kind.UNAUTHENTICATED, "timestamp " + proof.timestamp()
                + " is not newer than this node's last accepted request (" + lastAccepted
                + "): a replay, or two requests in the same second");
    }
}
