package org.rait.plan;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.rait.config.AddressFamily;
import org.rait.keys.WgKey;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rules of the planner that hold for any peer list. */
class PlannerPropertiesTest {

    @Property(tries = 200)
    void planningAgainstWhatThePlanBuiltChangesNothing(@ForAll("peerLists") PeerList peers) {
        TunnelPlan first = Planner.plan(SeedModels.CONFIG, SeedModels.IDENTITY, peers, ResolvedAddresses.NONE, List.of());
        List<ObservedTunnel> built = first.of(TunnelChange.Create.class).stream()
                .map(c -> PlannerTest.asBuilt(c.desired(), 40000)).toList();

        TunnelPlan second = Planner.plan(SeedModels.CONFIG, SeedModels.IDENTITY, peers, ResolvedAddresses.NONE, built);

        assertTrue(second.changesNothing(), second.changes().toString());
    }

    @Property(tries = 200)
    void everyPlannedInterfaceHasAUniqueValidNameAndAPeerThatIsNotUs(@ForAll("peerLists") PeerList peers) {
        TunnelPlan plan = Planner.plan(SeedModels.CONFIG, SeedModels.IDENTITY, peers, ResolvedAddresses.NONE, List.of());

        Set<String> names = new HashSet<>();
        for (TunnelChange.Create c : plan.of(TunnelChange.Create.class)) {
            DesiredTunnel t = c.desired();
            assertTrue(names.add(t.ifname()), "duplicate " + t.ifname());
            assertTrue(t.ifname().getBytes(StandardCharsets.UTF_8).length <= Planner.MAX_IFNAME_BYTES);
            assertNotEquals(SeedModels.IDENTITY.publicKey(), t.peerKey());
            assertTrue(peers.peers().stream().anyMatch(p -> p.publicKey().equals(t.peerKey()) && p.endpoints().stream()
                    .anyMatch(e -> e.addressFamily() == t.family() && t.ifname().endsWith(String.valueOf(e.sendPort())))));
        }
    }

    @Property(tries = 100)
    void withNoPeersEverythingManagedIsRemoved(@ForAll("peerLists") PeerList peers) {
        TunnelPlan plan = Planner.plan(SeedModels.CONFIG, SeedModels.IDENTITY, peers, ResolvedAddresses.NONE, List.of());
        List<ObservedTunnel> built = plan.of(TunnelChange.Create.class).stream()
                .map(c -> PlannerTest.asBuilt(c.desired(), 40000)).toList();

        TunnelPlan down = Planner.plan(SeedModels.CONFIG, SeedModels.IDENTITY, PeerList.EMPTY, ResolvedAddresses.NONE, built);

        assertEquals(built.size(), down.of(TunnelChange.Remove.class).size());
        assertEquals(built.size(), down.changes().size());
    }

    @Provide
    Arbitrary<PeerList> peerLists() {
        Arbitrary<WgKey> keys = Arbitraries.bytes().array(byte[].class).ofSize(WgKey.LENGTH).map(WgKey::of);
        Arbitrary<WgKey> keysIncludingOurs = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, keys), net.jqwik.api.Tuple.of(1, Arbitraries.just(SeedModels.IDENTITY.publicKey())));
        Arbitrary<Endpoint> endpoints = Combinators.combine(
                Arbitraries.of(AddressFamily.class),
                Arbitraries.integers().between(1, 65535),
                Arbitraries.of("", "192.0.2.1", "2001:db8::1", "peer.example"))
                .as(Endpoint::new);
        Arbitrary<Peer> peers = Combinators.combine(keysIncludingOurs, Arbitraries.of("", "a", "b"),
                endpoints.list().ofMaxSize(3)).as(Peer::new);
        return peers.list().ofMaxSize(12).map(PeerList::new);
    }
}
