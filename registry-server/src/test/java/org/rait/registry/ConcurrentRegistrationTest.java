package org.rait.registry;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.rait.configfile.ConfigFiles;
import org.rait.keys.WgKey;
import org.rait.peers.Peer;
import org.rait.registry.store.StoreKind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ParameterizedClass
@EnumSource(StoreKind.class)
class ConcurrentRegistrationTest {
    private static final int NODES = 200;

    @Parameter
    StoreKind kind;
    @TempDir
    Path dir;

    @Test
    void twoHundredConcurrentSelfRegistrationsAreAllStoredAndTheSnapshotListsExactlyTheApprovedOnes() throws Exception {
        try (RunningRegistry registry = RunningRegistry.start(dir.resolve("data"), kind)) {
            WgKey registryKey = registry.registrationKey();
            String token = registry.adminJson("POST", "/v1/admin/enrollment-tokens", Map.of("uses", NODES / 2)).get("token").asText();
            long serialBefore = FetchedSnapshot.fetch(registry, "").serial();
            List<TestNode> nodes = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                nodes.add(new TestNode("node" + i, 40000 + i));
            }

            long started = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(50);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                TestNode node = nodes.get(i);
                String withToken = i % 2 == 0 ? token : null;
                statuses.add(pool.submit((Callable<Integer>) () -> {
                    try (Response response = node.register(registry, registryKey, withToken)) {
                        return response.code();
                    }
                }));
            }
            for (Future<Integer> status : statuses) {
                assertEquals(201, status.get());
            }
            pool.shutdown();
            System.out.printf("concurrent registrations on %s: %d in %d ms (50 client threads, group commit)%n",
                    kind, NODES, (System.nanoTime() - started) / 1_000_000);

            JsonNode stored = registry.adminJson("GET", "/v1/admin/nodes", null);
            assertEquals(NODES, stored.size());
            Set<String> approved = StreamSupport.stream(stored.spliterator(), false)
                    .filter(n -> n.get("state").asText().equals("approved"))
                    .map(n -> n.get("public_key").asText()).collect(Collectors.toSet());
            Set<String> expectedApproved = new java.util.HashSet<>();
            for (int i = 0; i < NODES; i += 2) {
                expectedApproved.add(nodes.get(i).key().base64());
            }
            assertEquals(expectedApproved, approved);

            FetchedSnapshot snapshot = FetchedSnapshot.fetch(registry, "");
            // Approvals that wait within one publish window share a snapshot: at most one serial per approval.
            long snapshots = snapshot.serial() - serialBefore;
            assertTrue(snapshots >= 1 && snapshots <= NODES / 2, snapshots + " snapshots for " + NODES / 2 + " approvals");
            System.out.printf("%d approvals published in %d snapshots%n", NODES / 2, snapshots);
            Set<String> published = ConfigFiles.parsePeers(snapshot.text(), "peers.conf").peers().stream()
                    .map(Peer::publicKey).map(WgKey::base64).collect(Collectors.toSet());
            assertEquals(expectedApproved, published);
        }
    }
}
