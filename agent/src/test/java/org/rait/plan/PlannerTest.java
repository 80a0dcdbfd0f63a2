package org.rait.plan;

import org.junit.jupiter.api.Test;
import org.rait.config.AddressFamily;
import org.rait.configfile.ConfigFiles;
import org.rait.keys.WgKey;
import org.rait.netlink.Link;
import org.rait.netlink.LinkAddress;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;
import org.rait.plan.FieldDifference.Field;
import org.rait.wireguard.DeviceState;
import org.rait.wireguard.PeerState;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rait.plan.SeedModels.CONFIG;
import static org.rait.plan.SeedModels.IDENTITY;
import static org.rait.plan.SeedModels.PEERS;
import static org.rait.plan.SeedModels.RESOLVED;

class PlannerTest {

    private static TunnelPlan seedPlan(List<ObservedTunnel> observed) {
        return Planner.plan(CONFIG, IDENTITY, PEERS, RESOLVED, observed);
    }

    private static DesiredTunnel created(TunnelPlan plan, String ifname) {
        return plan.of(TunnelChange.Create.class).stream().filter(c -> c.ifname().equals(ifname))
                .findFirst().orElseThrow(() -> new AssertionError("no create for " + ifname + " in " + plan)).desired();
    }

    @Test
    void seedFilesWithNoInterfacesPlanExactlyTheThreeSeedInterfaces() {
        TunnelPlan plan = seedPlan(List.of());

        assertEquals(List.of("rait4x50180", "rait6x50181", "rait6x50342"), plan.desiredNames());
        assertEquals(3, plan.of(TunnelChange.Create.class).size());
        assertTrue(plan.warnings().isEmpty(), plan.warnings().toString());
    }

    @Test
    void theSeedFilesAsParsedGiveTheSamePlanAsTheModels() throws Exception {
        var config = ConfigFiles.parseRaitConfig(resource("/seed/rait.conf"), "seed/rait.conf");
        var peers = ConfigFiles.parsePeers(resource("/seed/peers.conf"), "seed/peers.conf");

        TunnelPlan plan = Planner.plan(config, Identity.of(config.privateKey()), peers, RESOLVED, List.of());

        assertEquals(seedPlan(List.of()).changes(), plan.changes());
    }

    private static byte[] resource(String name) throws Exception {
        try (var in = PlannerTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void ip4TunnelListensOnThePeersSendPortAndSendsToOurSendPort() {
        DesiredTunnel t = created(seedPlan(List.of()), "rait4x50180");

        assertEquals(50180, t.listenPort());
        assertEquals(Optional.of(new InetSocketAddress(SeedModels.address("1.1.1.1"), 50153)), t.endpoint());
        assertEquals(SeedModels.FIRST_PEER, t.peerKey());
        assertEquals(54, t.fwmark());
        assertEquals(1420, t.mtu());
        assertEquals(54, t.group());
    }

    @Test
    void randomPortTransportLeavesTheListenPortToTheKernelAndResolvesInItsFamily() {
        TunnelPlan plan = seedPlan(List.of());
        DesiredTunnel first = created(plan, "rait6x50181");
        DesiredTunnel second = created(plan, "rait6x50342");

        assertTrue(first.randomPort());
        assertEquals(0, first.listenPort());
        assertEquals(Optional.of(new InetSocketAddress(SeedModels.EXAMPLE_COM_6, 50154)), first.endpoint());
        assertEquals(SeedModels.FIRST_PEER, first.peerKey());
        assertEquals(Optional.of(new InetSocketAddress(SeedModels.EXAMPLE_NET_6, 50154)), second.endpoint());
        assertEquals(SeedModels.SECOND_PEER, second.peerKey());
    }

    @Test
    void ourOwnEntryInThePeerListGetsNoInterface() {
        List<Peer> withSelf = new ArrayList<>(PEERS.peers());
        withSelf.add(new Peer(IDENTITY.publicKey(), "self", List.of(new Endpoint(AddressFamily.IP4, 50153, "10.0.0.1"))));

        TunnelPlan plan = Planner.plan(CONFIG, IDENTITY, new PeerList(withSelf), RESOLVED, List.of());

        assertEquals(List.of("rait4x50180", "rait6x50181", "rait6x50342"), plan.desiredNames());
    }

    @Test
    void anAddressThatDidNotResolveGivesATunnelWithoutEndpoint() {
        TunnelPlan plan = Planner.plan(CONFIG, IDENTITY, PEERS, ResolvedAddresses.NONE, List.of());

        assertEquals(3, plan.of(TunnelChange.Create.class).size());
        plan.of(TunnelChange.Create.class).forEach(c -> assertEquals(Optional.empty(), c.desired().endpoint()));
    }

    @Test
    void linkLocalAddressesDifferAtTheTwoEndsAndAreStable() {
        WgKey a = SeedModels.FIRST_PEER;
        WgKey b = SeedModels.SECOND_PEER;

        assertNotEquals(LinkLocalAddress.of(a, b), LinkLocalAddress.of(b, a));
        assertEquals(LinkLocalAddress.of(a, b), LinkLocalAddress.of(a, b));
        assertTrue(LinkLocalAddress.of(a, b).isLinkLocalAddress());
    }

    @Test
    void interfacesAlreadyAsWantedAreUnchangedAndARandomPortIsNoDifference() {
        List<ObservedTunnel> observed = seedPlan(List.of()).of(TunnelChange.Create.class).stream()
                .map(c -> asBuilt(c.desired(), 41234)).toList();

        TunnelPlan plan = seedPlan(observed);

        assertTrue(plan.changesNothing(), plan.toString());
    }

    @Test
    void aManagedInterfaceNobodyWantsIsRemoved() {
        DesiredTunnel gone = created(seedPlan(List.of()), "rait4x50180");
        List<ObservedTunnel> observed = List.of(asBuilt(rename(gone, "rait4x50999"), 50999));

        TunnelPlan plan = seedPlan(observed);

        assertEquals(List.of("rait4x50999"), plan.of(TunnelChange.Remove.class).stream().map(TunnelChange::ifname).toList());
    }

    @Test
    void onlyTheSettingsThatDifferAreListed() {
        DesiredTunnel want = created(seedPlan(List.of()), "rait4x50180");
        ObservedTunnel built = asBuilt(want, 50180);
        Link link = built.link();
        ObservedTunnel drifted = new ObservedTunnel(
                new Link(link.index(), link.name(), link.kind(), link.group(), 1280, false, 0, Link.ADDR_GEN_MODE_NONE),
                built.addresses(),
                built.device().map(d -> new DeviceState(d.ifname(), d.publicKey(), 50999, d.fwmark(), d.peers())));

        TunnelPlan plan = seedPlan(List.of(drifted));

        TunnelChange.Update update = plan.of(TunnelChange.Update.class).get(0);
        assertEquals(List.of(Field.LISTEN_PORT, Field.MTU, Field.UP),
                update.differences().stream().map(FieldDifference::field).toList());
        assertEquals("1280", update.differences().get(1).was());
        assertEquals("1420", update.differences().get(1).wanted());
    }

    @Test
    void aLinkLocalAddressThatIsNotOursIsADifference() {
        DesiredTunnel want = created(seedPlan(List.of()), "rait4x50180");
        ObservedTunnel built = asBuilt(want, 50180);
        List<LinkAddress> withStale = new ArrayList<>(built.addresses());
        withStale.add(new LinkAddress(7, SeedModels.address("fe80::dead"), 64));

        TunnelPlan plan = seedPlan(List.of(new ObservedTunnel(built.link(), withStale, built.device())));

        FieldDifference d = plan.of(TunnelChange.Update.class).get(0).differences().get(0);
        assertEquals(Field.LINK_LOCAL, d.field());
        assertTrue(d.was().contains("fe80::dead/64"), d.was());
    }

    @Test
    void anEndpointLearnedFromThePeerIsNoDifferenceWhenWeHaveNoneForIt() {
        TunnelPlan unresolved = Planner.plan(CONFIG, IDENTITY, PEERS, ResolvedAddresses.NONE, List.of());
        DesiredTunnel want = unresolved.of(TunnelChange.Create.class).get(0).desired();
        ObservedTunnel roamed = withEndpoint(asBuilt(want, 50180), new InetSocketAddress(SeedModels.address("192.0.2.7"), 1234));

        TunnelPlan plan = Planner.plan(CONFIG, IDENTITY, PEERS, ResolvedAddresses.NONE, List.of(roamed));

        assertInstanceOf(TunnelChange.Unchanged.class, plan.changes().get(0));
    }

    @Test
    void aLinkWhoseWireGuardDeviceIsGoneIsMadeAgain() {
        DesiredTunnel want = created(seedPlan(List.of()), "rait4x50180");
        ObservedTunnel built = asBuilt(want, 50180);
        ObservedTunnel orphan = new ObservedTunnel(built.link(), built.addresses(), Optional.empty());

        TunnelPlan plan = seedPlan(List.of(orphan));

        assertInstanceOf(TunnelChange.Recreate.class, plan.changes().get(0));
    }

    @Test
    void aLinkOfAnotherKindInTheGroupUnderAWantedNameIsReplaced() {
        Link namesake = new Link(9, "rait4x50180", "veth", 54, 1500, true, 0, 0);

        TunnelPlan plan = Planner.plan(CONFIG, IDENTITY, PEERS, RESOLVED, List.of(), List.of(namesake));

        TunnelChange.Recreate replace = assertInstanceOf(TunnelChange.Recreate.class, plan.changes().get(0));
        assertEquals(namesake, replace.observed().link());
        assertEquals("already exists but is of wrong type (veth)", replace.reason());
        assertEquals(List.of("rait4x50180", "rait6x50181", "rait6x50342"), plan.desiredNames());
        assertTrue(plan.warnings().isEmpty(), plan.warnings().toString());
    }

    @Test
    void aNamesakeOutsideTheGroupIsLeftAloneWithOneWarningAndItsTunnelSkipped() {
        Link namesake = new Link(9, "rait4x50180", "veth", 0, 1500, true, 0, 0);

        TunnelPlan plan = Planner.plan(CONFIG, IDENTITY, PEERS, RESOLVED, List.of(), List.of(namesake));

        assertEquals(List.of("rait6x50181", "rait6x50342"), plan.desiredNames());
        assertTrue(plan.of(TunnelChange.Remove.class).isEmpty());
        assertEquals(1, plan.warnings().size(), plan.warnings().toString());
        assertEquals(new PlanWarning.Skipped("rait4x50180", SeedModels.FIRST_PEER,
                "a veth link outside ifgroup 54 has this name; not rait's, left alone"), plan.warnings().get(0));
    }

    @Test
    void otherLinksWithNamesNobodyWantsAreNeitherRemovedNorReported() {
        List<Link> others = List.of(new Link(1, "lo", "", 0, 65536, true, 0, 0),
                new Link(9, "rait4x50999", "tun", 54, 1420, true, 0, 0));

        TunnelPlan plan = Planner.plan(CONFIG, IDENTITY, PEERS, RESOLVED, List.of(), others);

        assertEquals(3, plan.of(TunnelChange.Create.class).size());
        assertEquals(3, plan.changes().size());
        assertTrue(plan.warnings().isEmpty(), plan.warnings().toString());
    }

    @Test
    void aTunnelOfOursWhoseGroupWasNeverSetIsPutInTheGroup() {
        ObservedTunnel built = asBuilt(created(seedPlan(List.of()), "rait4x50180"), 50180);
        Link l = built.link();
        ObservedTunnel ungrouped = new ObservedTunnel(new Link(l.index(), l.name(), l.kind(), 0, l.mtu(), l.up(),
                l.masterIndex(), l.addrGenMode()), built.addresses(), built.device());

        TunnelPlan plan = seedPlan(List.of(ungrouped));

        assertEquals(List.of(new FieldDifference(Field.GROUP, "0", "54")),
                plan.of(TunnelChange.Update.class).get(0).differences());
    }

    @Test
    void aPrefixThatMakesTooLongANameIsSkippedWithAWarning() {
        var longPrefix = new org.rait.config.Transport(AddressFamily.IP4, 50153, 1420, "averylongpre", "", "", 54, false, 0);
        var config = new org.rait.config.RaitConfig("", SeedModels.PRIVATE_KEY, "p", List.of(longPrefix),
                CONFIG.isolation(), Optional.empty(), CONFIG.backend(), CONFIG.runtimeDir(), CONFIG.agent());

        TunnelPlan plan = Planner.plan(config, IDENTITY, PEERS, RESOLVED, List.of());

        assertTrue(plan.changes().isEmpty());
        assertTrue(plan.warnings().get(0).text().contains("averylongpre50180"), plan.warnings().toString());
    }

    @Test
    void withVrfIsolationEveryTunnelIsEnslavedToTheTargetVrf() {
        TunnelPlan plan = Planner.plan(vrfConfig(), IDENTITY, PEERS, RESOLVED, List.of());

        assertEquals(List.of("rait"), plan.of(TunnelChange.Create.class).stream()
                .map(c -> c.desired().master()).distinct().toList());
    }

    @Test
    void aTunnelReleasedFromItsVrfByHandIsEnslavedAgain() {
        var config = vrfConfig();
        DesiredTunnel want = Planner.plan(config, IDENTITY, PEERS, RESOLVED, List.of())
                .of(TunnelChange.Create.class).get(0).desired();
        ObservedTunnel released = asBuilt(want, 50180);

        TunnelPlan plan = Planner.plan(config, IDENTITY, PEERS, RESOLVED, List.of(released));

        FieldDifference d = plan.of(TunnelChange.Update.class).get(0).differences().get(0);
        assertEquals(new FieldDifference(Field.MASTER, "none", "rait"), d);
        ObservedTunnel enslaved = new ObservedTunnel(released.link(), released.addresses(), released.device(), "rait");
        assertInstanceOf(TunnelChange.Unchanged.class,
                Planner.plan(config, IDENTITY, PEERS, RESOLVED, List.of(enslaved)).changes().get(0));
    }

    @Test
    void withNetnsIsolationATunnelEnslavedByHandIsReleased() {
        DesiredTunnel want = created(seedPlan(List.of()), "rait4x50180");
        ObservedTunnel built = asBuilt(want, 50180);

        TunnelPlan plan = seedPlan(List.of(new ObservedTunnel(built.link(), built.addresses(), built.device(), "br0")));

        assertEquals(new FieldDifference(Field.MASTER, "br0", "none"),
                plan.of(TunnelChange.Update.class).get(0).differences().get(0));
    }

    private static org.rait.config.RaitConfig vrfConfig() {
        var vrf = new org.rait.config.Isolation(org.rait.config.IsolationType.VRF, 54, "", "rait", 54);
        return new org.rait.config.RaitConfig(CONFIG.name(), CONFIG.privateKey(), CONFIG.peers(), CONFIG.transports(),
                vrf, CONFIG.babeld(), CONFIG.backend(), CONFIG.runtimeDir(), CONFIG.agent());
    }

    /** The interface as the reconciler leaves it; a random port shows as the port the kernel picked. */
    static ObservedTunnel asBuilt(DesiredTunnel t, int actualPort) {
        Link link = new Link(7, t.ifname(), "tun", t.group(), t.mtu(), true, 0, Link.ADDR_GEN_MODE_NONE);
        PeerState peer = new PeerState(t.peerKey(), t.endpoint(), Planner.ALLOWED_IPS, t.keepalive(), 0, 0, 0);
        DeviceState device = new DeviceState(t.ifname(), Optional.of(IDENTITY.publicKey()),
                t.randomPort() ? actualPort : t.listenPort(), t.fwmark(), List.of(peer));
        return new ObservedTunnel(link, List.of(new LinkAddress(7, t.linkLocal(), 64)), Optional.of(device));
    }

    private static ObservedTunnel withEndpoint(ObservedTunnel o, InetSocketAddress endpoint) {
        DeviceState d = o.device().orElseThrow();
        PeerState p = d.peers().get(0);
        PeerState moved = new PeerState(p.publicKey(), Optional.of(endpoint), p.allowedIps(), p.keepaliveSeconds(), 0, 0, 0);
        return new ObservedTunnel(o.link(), o.addresses(),
                Optional.of(new DeviceState(d.ifname(), d.publicKey(), d.listenPort(), d.fwmark(), List.of(moved))));
    }

    private static DesiredTunnel rename(DesiredTunnel t, String ifname) {
        return new DesiredTunnel(ifname, t.family(), t.peerKey(), t.peerName(), 50999, t.endpoint(), t.fwmark(),
                t.mtu(), t.group(), t.linkLocal(), t.keepalive());
    }
}
