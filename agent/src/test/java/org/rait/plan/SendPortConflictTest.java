package org.rait.plan;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.rait.config.AddressFamily;
import org.rait.keys.WgKey;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rait.plan.SeedModels.CONFIG;
import static org.rait.plan.SeedModels.FIRST_PEER;
import static org.rait.plan.SeedModels.IDENTITY;
import static org.rait.plan.SeedModels.RESOLVED;
import static org.rait.plan.SeedModels.SECOND_PEER;

/**
 * Two peers claiming one send_port in one family: the peer the existing interface serves keeps it, a conflict
 * over a name nobody holds creates nothing, whatever the order of the list; each conflict is one warning.
 */
class SendPortConflictTest {
    private static final WgKey ATTACKER = WgKey.parseBase64("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    private static final Peer VICTIM = new Peer(FIRST_PEER, "victim", List.of(new Endpoint(AddressFamily.IP4, 55001, "1.1.1.1")));
    private static final Peer TAKER = new Peer(ATTACKER, "attacker", List.of(new Endpoint(AddressFamily.IP4, 55001, "1.1.1.1")));

    @Test
    void theHolderOfTheInterfaceKeepsItEvenWhenTheNewcomerSortsFirst() {
        ObservedTunnel held = PlannerTest.asBuilt(onlyCreate(Planner.plan(CONFIG, IDENTITY, list(VICTIM), RESOLVED, List.of())), 0);

        for (PeerList peers : List.of(list(TAKER, VICTIM), list(VICTIM, TAKER))) {
            TunnelPlan plan = Planner.plan(CONFIG, IDENTITY, peers, RESOLVED, List.of(held));

            assertEquals(List.of("rait4x55001"), plan.desiredNames());
            TunnelChange.Unchanged kept = (TunnelChange.Unchanged) plan.changes().get(0);
            assertEquals(FIRST_PEER, kept.desired().peerKey());
            assertEquals(List.of(new PlanWarning.SendPortConflict("rait4x55001", AddressFamily.IP4, 55001,
                    sorted(FIRST_PEER, ATTACKER), Optional.of(FIRST_PEER))), plan.warnings());
        }
    }

    @Test
    void aNewConflictCreatesNeither() {
        for (PeerList peers : List.of(list(TAKER, VICTIM), list(VICTIM, TAKER))) {
            TunnelPlan plan = Planner.plan(CONFIG, IDENTITY, peers, RESOLVED, List.of());

            assertTrue(plan.changes().isEmpty(), plan.changes().toString());
            assertEquals(List.of(new PlanWarning.SendPortConflict("rait4x55001", AddressFamily.IP4, 55001,
                    sorted(FIRST_PEER, ATTACKER), Optional.empty())), plan.sendPortConflicts());
        }
    }

    @Test
    void anInterfaceServingAThirdKeyIsNotHandedToEitherClaimant() {
        Peer third = new Peer(SECOND_PEER, "gone", VICTIM.endpoints());
        ObservedTunnel old = PlannerTest.asBuilt(onlyCreate(Planner.plan(CONFIG, IDENTITY, list(third), RESOLVED, List.of())), 0);

        TunnelPlan plan = Planner.plan(CONFIG, IDENTITY, list(VICTIM, TAKER), RESOLVED, List.of(old));

        assertEquals(List.of("rait4x55001"), plan.of(TunnelChange.Remove.class).stream().map(TunnelChange::ifname).toList());
        assertTrue(plan.desiredNames().isEmpty());
    }

    @Test
    void theSamePortInTheOtherFamilyIsNoConflict() {
        Peer v6 = new Peer(ATTACKER, "v6", List.of(new Endpoint(AddressFamily.IP6, 55001, "")));

        TunnelPlan plan = Planner.plan(CONFIG, IDENTITY, list(VICTIM, v6), RESOLVED, List.of());

        assertEquals(List.of("rait4x55001", "rait6x55001"), plan.desiredNames());
        assertTrue(plan.sendPortConflicts().isEmpty());
    }

    @Property(tries = 200)
    void theOutcomeDoesNotDependOnTheOrderOfTheList(@ForAll long seed, @ForAll boolean victimHolds) {
        List<Peer> peers = new ArrayList<>(List.of(VICTIM, TAKER,
                new Peer(SECOND_PEER, "bystander", List.of(new Endpoint(AddressFamily.IP6, 50342, "example.net")))));
        List<ObservedTunnel> observed = victimHolds
                ? List.of(PlannerTest.asBuilt(onlyCreate(Planner.plan(CONFIG, IDENTITY, list(VICTIM), RESOLVED, List.of())), 0))
                : List.of();
        TunnelPlan reference = Planner.plan(CONFIG, IDENTITY, new PeerList(peers), RESOLVED, observed);
        Collections.shuffle(peers, new Random(seed));

        TunnelPlan shuffled = Planner.plan(CONFIG, IDENTITY, new PeerList(peers), RESOLVED, observed);

        assertEquals(new java.util.HashSet<>(reference.changes()), new java.util.HashSet<>(shuffled.changes()));
        assertEquals(reference.sendPortConflicts(), shuffled.sendPortConflicts());
    }

    private static DesiredTunnel onlyCreate(TunnelPlan plan) {
        assertEquals(1, plan.of(TunnelChange.Create.class).size(), plan.toString());
        return plan.of(TunnelChange.Create.class).get(0).desired();
    }

    private static PeerList list(Peer... peers) {
        return new PeerList(List.of(peers));
    }

    private static List<WgKey> sorted(WgKey... keys) {
        return java.util.Arrays.stream(keys).sorted().toList();
    }
}
