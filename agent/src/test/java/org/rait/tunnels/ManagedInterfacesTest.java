package org.rait.tunnels;

import org.junit.jupiter.api.Test;
import org.rait.keys.X25519;
import org.rait.netlink.Link;
import org.rait.netlink.LinkAddress;
import org.rait.plan.Identity;
import org.rait.plan.LinkLocalAddress;
import org.rait.plan.ObservedTunnel;
import org.rait.wireguard.DeviceState;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ManagedInterfacesTest {
    private static final long GROUP = 54;
    private static final Identity US = Identity.of(X25519.generatePrivateKey());

    private final RecordingKernel kernel = new RecordingKernel();
    private int nextIndex = 100;

    /** A managed tunnel as the kernel shows it: a wireguard link of the group, its link-local address, its device. */
    private Link tunnel(String name, int mtu) {
        Link link = new Link(nextIndex++, name, "wireguard", GROUP, mtu, true, 0, Link.ADDR_GEN_MODE_NONE);
        kernel.links.put(name, link);
        kernel.addresses.add(new LinkAddress(link.index(), LinkLocalAddress.of(US.publicKey(), Identity.of(X25519.generatePrivateKey()).publicKey()), 64));
        kernel.deviceStates.put(name, new DeviceState(name, Optional.of(US.publicKey()), 40000 + link.index(), 0, List.of()));
        return link;
    }

    private ManagedInterfaces.Observation full() {
        return ManagedInterfaces.observe(kernel.routeNetlink, GROUP, kernel.wireGuard, kernel.target);
    }

    @Test
    void anObservationToRemoveEverythingFindsTheSameTunnelsWithoutAnAddressDumpOrADeviceRead() {
        for (int i = 1; i <= 10; i++) tunnel("r4x" + i, 1420);
        kernel.links.put("lo", new Link(1, "lo", "", 0, 65536, true, 0, 0));
        kernel.deviceReads.clear();

        ManagedInterfaces.Observation toRemove = ManagedInterfaces.observeToRemove(kernel.routeNetlink, GROUP, kernel.wireGuard, kernel.target);

        assertEquals(0, kernel.addressDumps, "`rait down` compares no address");
        assertEquals(List.of(), kernel.deviceReads, "nor any device of the group");
        Set<String> names = new HashSet<>();
        for (ObservedTunnel t : toRemove.managed()) names.add(t.ifname());
        Set<String> all = new HashSet<>();
        for (ObservedTunnel t : full().managed()) all.add(t.ifname());
        assertEquals(all, names);
    }

    @Test
    void theReadBackOfAnApplyAsksForTheLinksItTouchedByNameAndSeesWhatAWholeObservationSees() {
        for (int i = 1; i <= 200; i++) tunnel("r4x" + i, 1420);
        kernel.links.put("lo", new Link(1, "lo", "", 0, 65536, true, 0, 0));
        ManagedInterfaces.Observation before = full();
        // what an apply did: one interface made, one removed, one's MTU set
        tunnel("r4x201", 1420);
        kernel.links.remove("r4x5");
        Link seven = kernel.links.get("r4x7");
        kernel.links.put("r4x7", new Link(seven.index(), "r4x7", "wireguard", GROUP, 1280, true, 0, Link.ADDR_GEN_MODE_NONE));
        int dumps = kernel.linkDumps;
        kernel.deviceReads.clear();

        ManagedInterfaces.Observation again = ManagedInterfaces.observeAgain(kernel.routeNetlink, GROUP, kernel.wireGuard, kernel.target,
                before, Set.of("r4x201", "r4x5", "r4x7"));

        assertEquals(dumps, kernel.linkDumps, "no link dump: the 198 untouched links are taken from before");
        assertEquals(Set.of("r4x201", "r4x5", "r4x7"), new HashSet<>(kernel.linksByName.get(0)));
        assertEquals(Set.of("r4x201", "r4x7"), new HashSet<>(kernel.deviceReads), "only the touched devices that exist are read");
        ManagedInterfaces.Observation whole = full();
        assertEquals(new HashSet<ObservedTunnel>(whole.managed()), new HashSet<ObservedTunnel>(again.managed()));
        assertEquals(new HashSet<Link>(whole.others()), new HashSet<Link>(again.others()));
        assertEquals(whole.devices(), again.devices());
    }

    @Test
    void aReadBackOfMoreLinksThanThePassKeptTakesOneDumpNotARequestPerName() {
        ManagedInterfaces.Observation before = full();
        Set<String> made = new HashSet<>();
        for (int i = 1; i <= 200; i++) {
            tunnel("r4x" + i, 1420);
            made.add("r4x" + i);
        }
        int dumps = kernel.linkDumps;

        ManagedInterfaces.Observation again = ManagedInterfaces.observeAgain(kernel.routeNetlink, GROUP, kernel.wireGuard, kernel.target,
                before, made);

        assertEquals(dumps + 1, kernel.linkDumps);
        assertEquals(List.of(), kernel.linksByName);
        assertEquals(new HashSet<ObservedTunnel>(full().managed()), new HashSet<ObservedTunnel>(again.managed()));
    }
}
