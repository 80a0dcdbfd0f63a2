package org.rait.plan;

import org.junit.jupiter.api.Test;
import org.rait.config.AddressFamily;
import org.rait.keys.WgKey;
import org.rait.netlink.Link;
import org.rait.plan.DesiredTunnel;
import org.rait.plan.FieldDifference;
import org.rait.plan.Identity;
import org.rait.plan.ObservedTunnel;
import org.rait.plan.TunnelChange;
import org.rait.plan.TunnelPlan;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.PeerState;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guard counts peers, not interfaces, and only peers left with no tunnel at all. */
class RemovalGuardTest {
    private static final Identity SELF = Identity.of(key(99));
    private final RemovalGuard guard = new RemovalGuard(0.5);

    @Test
    void removingThreeOfFourPeersIsHeld() {
        TunnelPlan plan = plan(unchanged(1), remove(2), remove(3), remove(4));

        RemovalGuard.Verdict verdict = guard.check(plan);

        assertTrue(verdict.held());
        assertEquals(4, verdict.currentPeers());
        assertEquals(3, verdict.removedPeers().size());
    }

    @Test
    void removingExactlyTheShareIsAllowed() {
        assertFalse(guard.check(plan(unchanged(1), unchanged(2), remove(3), remove(4))).held());
    }

    @Test
    void aPeerThatKeepsAnotherTunnelIsNotRemoved() {
        TunnelPlan plan = plan(unchanged(1), removeOther(1, "rait4x1"), remove(2));

        RemovalGuard.Verdict verdict = guard.check(plan);

        assertEquals(2, verdict.currentPeers());
        assertEquals(1, verdict.removedPeers().size(), "peer 1 keeps its ip6 tunnel");
        assertFalse(verdict.held());
    }

    @Test
    void anUpdatedInterfaceWhoseDeviceLostItsPeerCountsAsKept() {
        ObservedTunnel drifted = new ObservedTunnel(link("rait6x1"), List.of(),
                Optional.of(new DeviceState("rait6x1", Optional.empty(), 1, 54, List.of())));
        TunnelPlan plan = plan(new TunnelChange.Update(desired(1), drifted,
                List.of(new FieldDifference(FieldDifference.Field.values()[0], "a", "b"))), unchanged(2));

        assertEquals(0, guard.check(plan).removedPeers().size());
    }

    @Test
    void newPeersDoNotDiluteTheShare() {
        TunnelPlan plan = plan(remove(1), remove(2), new TunnelChange.Create(desired(5)), new TunnelChange.Create(desired(6)),
                new TunnelChange.Create(desired(7)));

        assertTrue(guard.check(plan).held(), "2 of the 2 current peers go, whatever arrives");
    }

    @Test
    void revokingTheOtherNodeOfATwoNodeMeshGoesThrough() {
        assertFalse(guard.check(plan(remove(1))).held(), "1 of 1 peers: a revocation");
    }

    @Test
    void revokingOneNodeOfAThreeNodeMeshGoesThrough() {
        assertFalse(guard.check(plan(unchanged(1), remove(2))).held(), "1 of 2 peers");
    }

    @Test
    void anEmptyListOnAThreeNodeMeshIsHeld() {
        assertTrue(guard.check(plan(remove(1), remove(2))).held(), "2 of 2 peers");
    }

    @Test
    void anEmptyListOnATwentyNodeMeshIsHeld() {
        TunnelChange[] all = java.util.stream.IntStream.rangeClosed(1, 19).mapToObj(RemovalGuardTest::remove).toArray(TunnelChange[]::new);

        RemovalGuard.Verdict verdict = guard.check(plan(all));

        assertTrue(verdict.held());
        assertEquals("removed_peers=19 current_peers=19 share=1.00 max_removal_share=0.5 min_removed_peers=2", verdict.describe());
    }

    @Test
    void aShareAboveTheLimitIsHeldFromTwoRemovedPeersOn() {
        assertTrue(guard.check(plan(unchanged(1), remove(2), remove(3))).held(), "2 of 3 peers: share and number");
        assertFalse(guard.check(plan(unchanged(1), unchanged(2), unchanged(3), remove(4), remove(5))).held(), "2 of 5: share too low");
    }

    @Test
    void oneRevocationInATwentyNodeMeshGoesThrough() {
        TunnelChange[] changes = java.util.stream.IntStream.rangeClosed(1, 19)
                .mapToObj(n -> n == 7 ? remove(n) : unchanged(n)).toArray(TunnelChange[]::new);

        assertFalse(guard.check(plan(changes)).held());
    }

    @Test
    void aNodeWithoutTunnelsIsNeverHeld() {
        assertFalse(guard.check(plan(new TunnelChange.Create(desired(1)))).held());
    }

    private static TunnelPlan plan(TunnelChange... changes) {
        return new TunnelPlan(SELF, List.of(changes), List.of());
    }

    private static TunnelChange unchanged(int n) {
        return new TunnelChange.Unchanged(desired(n));
    }

    private static TunnelChange remove(int n) {
        return removeOther(n, "rait6x" + n);
    }

    private static TunnelChange removeOther(int n, String ifname) {
        PeerState peer = new PeerState(key(n), Optional.empty(), List.of("::/0"), 0, 0, 0, 0);
        return new TunnelChange.Remove(new ObservedTunnel(link(ifname), List.of(),
                Optional.of(new DeviceState(ifname, Optional.empty(), n, 54, List.of(peer)))));
    }

    private static DesiredTunnel desired(int n) {
        try {
            return new DesiredTunnel("rait6x" + n, AddressFamily.IP6, key(n), "node" + n, n, Optional.empty(), 54, 1420, 54,
                    (Inet6Address) InetAddress.getByName("fe80::" + n), 0);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Link link(String ifname) {
        return new Link(7, ifname, "tun", 54, 1420, true, 0, Link.ADDR_GEN_MODE_NONE);
    }

    private static WgKey key(int n) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) n);
        return WgKey.of(bytes);
    }
}
