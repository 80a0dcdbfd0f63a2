package org.rait.registry.snapshot;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rait.config.AddressFamily;
import org.rait.configfile.ConfigFiles;
import org.rait.configfile.Syntax;
import org.rait.keys.WgKey;
import org.rait.keys.X25519;
import org.rait.peers.Endpoint;
import org.rait.peers.PeerList;
import org.rait.registry.nodes.Actor;
import org.rait.registry.nodes.Curation;
import org.rait.registry.store.Node;
import org.rait.registry.store.NodeState;
import org.rait.registry.store.RegistryStore;
import org.rait.snapshot.MinisignSecretKey;
import org.rait.snapshot.SignatureRejected;
import org.rait.snapshot.SignatureVerifier;
import org.rait.snapshot.SnapshotFormat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A snapshot is built from each peer's text kept since the peer last changed; whatever the history
 * of registrations, approvals, revocations, edits and deletions, every published body is byte for
 * byte the full render of the approved nodes, and its signature verifies.
 */
class IncrementalSnapshotTest {
    private static final Actor ADMIN = Actor.admin("test");
    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void everyPublishedBodyEqualsTheFullRenderOfTheApprovedNodes(long seed) throws SignatureRejected {
        Random random = new Random(seed);
        MinisignSecretKey key = MinisignSecretKey.generate(new SecureRandom());
        SignatureVerifier verifier = new SignatureVerifier(List.of(key.publicKey()));
        Clock clock = Clock.systemUTC();
        try (RegistryStore store = RegistryStore.open(dir.resolve("seed" + seed + ".db"))) {
            SnapshotPublisher publisher = new SnapshotPublisher(key, Duration.ofDays(7), clock);
            Publication publication = Publication.immediate(store, publisher);
            Curation curation = new Curation(store, publication, clock);
            publication.publishNow();
            List<WgKey> keys = new ArrayList<>();
            int[] nextPort = {20000};
            int published = 0;
            for (int step = 0; step < 300; step++) {
                long serialBefore = publisher.current().serial();
                int op = keys.isEmpty() ? 0 : random.nextInt(10);
                WgKey node = keys.isEmpty() ? null : keys.get(random.nextInt(keys.size()));
                NodeState state = node == null ? null : curation.show(node).state();
                switch (op) {
                    case 0, 1, 2 -> keys.add(register(store, random, nextPort, clock.instant()));
                    case 3, 4, 5 -> {
                        if (state != NodeState.APPROVED) curation.approve(ADMIN, node);
                    }
                    case 6 -> {
                        if (state == NodeState.APPROVED || state == NodeState.PENDING) curation.revoke(ADMIN, node);
                    }
                    case 7, 8 -> curation.edit(ADMIN, node, random.nextBoolean() ? Optional.of(name(random)) : Optional.empty(),
                            random.nextBoolean() ? Optional.of(endpoints(random, nextPort)) : Optional.empty());
                    default -> {
                        curation.delete(ADMIN, node);
                        keys.remove(node);
                    }
                }
                if (publisher.current().serial() == serialBefore) continue;
                published++;
                PeerList approved = new PeerList(store.transaction(tx -> tx.nodes().list(Optional.of(NodeState.APPROVED)))
                        .stream().map(Node::asPeer).toList());
                for (SnapshotFormat format : SnapshotFormat.values()) {
                    SignedBody served = publisher.current().in(format);
                    byte[] full = ConfigFiles.render(approved, format == SnapshotFormat.BLOCK ? Syntax.BLOCK : Syntax.TOML)
                            .getBytes(StandardCharsets.UTF_8);
                    assertArrayEquals(full, served.body(), "step " + step + ", " + format.word());
                    verifier.verifySnapshot(served.body(), served.signature());
                }
            }
            assertEquals(true, published > 50, "only " + published + " snapshots were published");
        }
    }

    private static WgKey register(RegistryStore store, Random random, int[] nextPort, Instant now) {
        WgKey key = X25519.publicKey(X25519.generatePrivateKey());
        Node node = new Node(key, name(random), endpoints(random, nextPort), NodeState.PENDING, now, now, 0);
        store.transaction(tx -> {
            tx.nodes().insert(node);
            return null;
        });
        return key;
    }

    private static String name(Random random) {
        return "node-" + Integer.toString(random.nextInt(1 << 20), 36);
    }

    /** Fresh send ports every time, so no approval is refused for a taken port. */
    private static List<Endpoint> endpoints(Random random, int[] nextPort) {
        List<Endpoint> endpoints = new ArrayList<>();
        if (random.nextInt(4) > 0) endpoints.add(new Endpoint(AddressFamily.IP4, nextPort[0]++, "198.18.0." + random.nextInt(250)));
        if (random.nextBoolean()) endpoints.add(new Endpoint(AddressFamily.IP6, nextPort[0]++, random.nextBoolean() ? "" : "2001:db8::1"));
        return endpoints;
    }
}
