package org.rait.tunnels;

import org.junit.jupiter.api.Test;
import org.rait.config.AddressFamily;
import org.rait.keys.X25519;
import org.rait.netlink.Link;
import org.rait.netlink.LinkAddress;
import org.rait.plan.DesiredTunnel;
import org.rait.plan.FieldDifference.Field;
import org.rait.plan.FieldDifference;
import org.rait.plan.Identity;
import org.rait.plan.LinkLocalAddress;
import org.rait.plan.ObservedTunnel;
import org.rait.plan.TunnelChange;
import org.rait.plan.TunnelPlan;
import org.rait.wireguard.DeviceState;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconcilerTest {
    private static final Identity US = Identity.of(X25519.generatePrivateKey());
    private static final Identity PEER = Identity.of(X25519.generatePrivateKey());

    private final RecordingKernel kernel = new RecordingKernel();

    private static DesiredTunnel tunnel(String ifname, int listenPort) {
        return new DesiredTunnel(ifname, AddressFamily.IP4, PEER.publicKey(), "peer", listenPort, Optional.empty(),
                54, 1420, 54, LinkLocalAddress.of(US.publicKey(), PEER.publicKey()), 0);
    }

    private ObservedTunnel observed(String ifname, int listenPort) {
        Link link = kernel.addLink(ifname, 54, 1420, true);
        DeviceState device = new DeviceState(ifname, Optional.of(US.publicKey()), listenPort, 54, List.of());
        return new ObservedTunnel(link, List.of(), Optional.of(device));
    }

    private static TunnelPlan plan(TunnelChange... changes) {
        return new TunnelPlan(US, List.of(changes), List.of());
    }

    @Test
    void aNewInterfaceGetsGroupFirstThenSettingsThenComesUp() {
        Recap recap = kernel.reconciler().apply(plan(new TunnelChange.Create(tunnel("r4x1", 50001))));

        assertEquals(List.of(
                "wg.create r4x1",
                "setLink r4x1 group=54 mtu=1420 addrgenmode=none",
                "wg.configure r4x1 port=50001",
                "addAddress r4x1",
                "setUp r4x1"), kernel.writes);
        assertEquals("ok=1 changed=1 failed=0 removed=0", recap.line());
        assertEquals(5, recap.writes());
    }

    @Test
    void manyNewInterfacesTakeOneBatchPerStepAsOneDoes() {
        kernel.reconciler().apply(plan(new TunnelChange.Create(tunnel("r4x0", 50000))));
        int batchesForOne = kernel.batches;
        int dumpsForOne = kernel.linkDumps;
        RecordingKernel many = new RecordingKernel();

        Recap recap = many.reconciler().apply(plan(IntStream.range(1, 201)
                .mapToObj(i -> new TunnelChange.Create(tunnel("r4x" + i, 50000 + i))).toArray(TunnelChange[]::new)));

        assertEquals("ok=200 changed=200 failed=0 removed=0", recap.line());
        assertEquals(1000, recap.writes(), "five writes per interface");
        assertEquals(batchesForOne, many.batches, "one batch per step, whatever the number of interfaces");
        assertEquals(dumpsForOne, many.linkDumps);
        assertEquals(0, many.linkReads, "no read per interface");
    }

    @Test
    void aPeerAddedBesideManyKeptInterfacesIsReadBackByNameWithoutALinkDump() {
        List<TunnelChange> changes = new java.util.ArrayList<>();
        for (int i = 1; i <= 200; i++) changes.add(new TunnelChange.Unchanged(tunnel("r4x" + i, 50000 + i)));
        changes.add(new TunnelChange.Create(tunnel("r4x201", 50201)));

        Recap recap = kernel.reconciler().apply(plan(changes.toArray(TunnelChange[]::new)));

        assertEquals("ok=201 changed=1 failed=0 removed=0", recap.line());
        assertEquals(5, recap.writes());
        assertEquals(0, kernel.linkDumps, "the 200 kept links are not read again");
        assertEquals(List.of(List.of("r4x201")), kernel.linksByName);
    }

    @Test
    void interfacesMadeIntoAnEmptyOrSmallerMeshAreReadBackWithOneDump() {
        Recap recap = kernel.reconciler().apply(plan(
                new TunnelChange.Unchanged(tunnel("r4x1", 50001)),
                new TunnelChange.Create(tunnel("r4x2", 50002)),
                new TunnelChange.Create(tunnel("r4x3", 50003))));

        assertEquals("ok=3 changed=2 failed=0 removed=0", recap.line());
        assertEquals(1, kernel.linkDumps);
        assertEquals(List.of(), kernel.linksByName);
    }

    @Test
    void aRefusedRequestInABatchFailsOnlyItsInterfaceWithTheKernelsReason() {
        kernel.refuseAddressOf.add("r4x2");

        Recap recap = kernel.reconciler().apply(plan(
                new TunnelChange.Create(tunnel("r4x1", 50001)),
                new TunnelChange.Create(tunnel("r4x2", 50002)),
                new TunnelChange.Create(tunnel("r4x3", 50003))));

        assertEquals("ok=2 changed=2 failed=1 removed=0", recap.line());
        assertEquals(1, recap.failures().size());
        assertTrue(recap.failures().get(0).startsWith("r4x2: RTM_NEWADDR ") && recap.failures().get(0).contains("name=r4x2")
                && recap.failures().get(0).contains("EEXIST"), recap.failures().get(0));
        assertLinks(List.of("r4x1", "r4x3"));
        assertTrue(kernel.writes.contains("wg.delete r4x2"), "the half-made one is removed again");
    }

    @Test
    void anUnchangedInterfaceCostsNoWrite() {
        Recap recap = kernel.reconciler().apply(plan(new TunnelChange.Unchanged(tunnel("r4x1", 50001))));

        assertEquals(List.of(), kernel.writes);
        assertEquals(0, recap.writes());
        assertEquals("ok=1 changed=0 failed=0 removed=0", recap.line());
    }

    @Test
    void anUpdateWritesOnlyTheFieldsThatDiffer() {
        ObservedTunnel have = observed("r4x1", 50001);
        TunnelChange update = new TunnelChange.Update(tunnel("r4x1", 50001), have,
                List.of(new FieldDifference(Field.MTU, "1300", "1420")));

        Recap recap = kernel.reconciler().apply(plan(update));

        assertEquals(List.of("setMtu r4x1 1420"), kernel.writes);
        assertEquals(1, recap.writes());
    }

    @Test
    void aDeviceUpdateWithRandomPortKeepsThePortTheKernelPicked() {
        ObservedTunnel have = observed("r6x1", 41234);
        TunnelChange update = new TunnelChange.Update(tunnel("r6x1", 0), have,
                List.of(new FieldDifference(Field.FWMARK, "0", "54")));

        kernel.reconciler().apply(plan(update));

        assertEquals(List.of("wg.configure r6x1 port=41234"), kernel.writes);
    }

    @Test
    void oneInterfaceThatFailsDoesNotStopTheOthersAndIsNotLeftHalfMade() {
        kernel.failConfigureOf.add("r4x1");

        Recap recap = kernel.reconciler().apply(plan(
                new TunnelChange.Create(tunnel("r4x1", 50001)),
                new TunnelChange.Create(tunnel("r4x2", 50002))));

        assertEquals("ok=1 changed=1 failed=1 removed=0", recap.line());
        assertLinks(List.of("r4x2"));
        assertEquals(List.of("r4x1: r4x1: refused by the test"), recap.failures());
    }

    @Test
    void aStaleLinkLocalAddressIsReplacedByOurs() throws Exception {
        Link link = kernel.addLink("r4x1", 54, 1420, true);
        var stale = new LinkAddress(link.index(), InetAddress.getByName("fe80::dead"), 64);
        DeviceState device = new DeviceState("r4x1", Optional.of(US.publicKey()), 50001, 54, List.of());
        ObservedTunnel have = new ObservedTunnel(link, List.of(stale), Optional.of(device));
        TunnelChange update = new TunnelChange.Update(tunnel("r4x1", 50001), have,
                List.of(new FieldDifference(Field.LINK_LOCAL, "fe80::dead/64", "ours")));

        kernel.reconciler().apply(plan(update));

        assertEquals(List.of("deleteAddress r4x1", "addAddress r4x1"), kernel.writes);
    }

    @Test
    void anUnwantedInterfaceIsDeletedThroughTheBackend() {
        ObservedTunnel gone = observed("r4x9", 50009);

        Recap recap = kernel.reconciler().apply(plan(new TunnelChange.Remove(gone)));

        assertEquals(List.of("wg.delete r4x9"), kernel.writes);
        assertEquals("ok=0 changed=0 failed=0 removed=1", recap.line());
    }

    @Test
    void everyRemovalOfThePlanGoesToTheBackendAtOnceAndNothingElse() {
        kernel.addLink("other0", 54, 1500, true);

        Recap recap = kernel.reconciler().apply(plan(new TunnelChange.Remove(observed("r4x1", 50001)),
                new TunnelChange.Remove(observed("r4x2", 50002)), new TunnelChange.Unchanged(tunnel("r4x3", 50003))));

        assertEquals(List.of(List.of("r4x1", "r4x2")), kernel.deleteAlls);
        assertEquals("ok=1 changed=0 failed=0 removed=2", recap.line());
        assertTrue(kernel.links.containsKey("other0"), "a link of the group the plan does not remove stays");
    }

    @Test
    void aRefusedRemovalIsCountedAndTheOthersStillGo() {
        kernel.failDeleteOf.add("r4x1");

        Recap recap = kernel.reconciler().apply(plan(new TunnelChange.Remove(observed("r4x1", 50001)),
                new TunnelChange.Remove(observed("r4x2", 50002))));

        assertEquals("ok=0 changed=0 failed=1 removed=1", recap.line());
        assertEquals(List.of("wg.delete r4x2"), kernel.writes);
        assertTrue(kernel.links.containsKey("r4x1"), "the refused one is still there");
    }

    private void assertLinks(List<String> names) {
        assertEquals(names, List.copyOf(kernel.links.keySet()));
    }
}
