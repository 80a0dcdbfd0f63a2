package org.rait.tunnels;

import org.junit.jupiter.api.Test;
import org.rait.keys.WgKey;
import org.rait.netlink.Link;
import org.rait.netlink.LinkAddress;
import org.rait.netlink.LinkEvent;
import org.rait.plan.ObservedTunnel;
import org.rait.wireguard.DeviceState;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the running agent trusts of its last observation, and which link events are news. */
class KnownStateTest {
    private static final long GROUP = 54;
    private static final Duration SAFETY = Duration.ofMinutes(5);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final KnownState known = new KnownState(GROUP, SAFETY, now::get);

    private static Link tunnel(int index, String name) {
        return new Link(index, name, "wireguard", GROUP, 1420, true, 0, Link.ADDR_GEN_MODE_NONE);
    }

    private static LinkAddress linkLocal(int index) {
        try {
            return new LinkAddress(index, java.net.InetAddress.getByName("fe80::" + index), 64);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static ObservedTunnel observed(Link link) {
        return new ObservedTunnel(link, List.of(linkLocal(link.index())), Optional.of(new DeviceState(link.name(), Optional.of(WgKey.of(new byte[32])),
                50000 + link.index(), 54, List.of())));
    }

    private static ManagedInterfaces.Observation observation(List<Link> managed, List<Link> others) {
        return new ManagedInterfaces.Observation(managed.stream().map(KnownStateTest::observed).toList(), others);
    }

    private static LinkEvent changed(Link link) {
        return new LinkEvent(LinkEvent.Kind.NEW, Optional.of(link));
    }

    private static LinkEvent deleted(Link link) {
        return new LinkEvent(LinkEvent.Kind.DELETED, Optional.of(link));
    }

    private void fullyObserved(ManagedInterfaces.Observation seen) {
        known.observed(seen, true, known.mark());
    }

    private ManagedInterfaces.Observation twoTunnels() {
        return observation(List.of(tunnel(7, "rait6x50001"), tunnel(8, "rait6x50002")), List.of(new Link(1, "lo", "", 0, 65536, true, 0, 0)));
    }

    @Test
    void nothingIsTrustedBeforeTheFirstObservationNorWithoutLinkEvents() {
        assertTrue(known.news());
        assertTrue(known.current().isEmpty());

        fullyObserved(twoTunnels());
        assertTrue(known.current().isEmpty(), "no subscription delivers events yet");
        assertTrue(known.trustedDevices().isEmpty());

        known.listening(true);
        assertFalse(known.news());
        assertEquals(twoTunnels(), known.current().orElseThrow());

        known.listening(false);
        assertTrue(known.current().isEmpty(), "events stopped: what was seen is forgotten");
    }

    @Test
    void theEventsOfTheAgentsOwnCreateAgreeOnceItReadBackWhatItWrote() {
        known.listening(true);
        fullyObserved(twoTunnels());
        Link made = tunnel(9, "rait6x50003");
        // The kernel announces every step: made outside the group and down, then grouped, then up.
        known.heard(changed(new Link(9, "rait6x50003", "wireguard", 0, 1420, false, 0, -1)));
        known.heard(changed(new Link(9, "rait6x50003", "wireguard", GROUP, 1420, false, 0, Link.ADDR_GEN_MODE_NONE)));
        known.heard(changed(made));
        assertTrue(known.news(), "before the read-back the new link is not known");

        ManagedInterfaces.Observation readBack = observation(List.of(tunnel(7, "rait6x50001"), tunnel(8, "rait6x50002"), made),
                twoTunnels().others());
        known.observed(readBack, false, known.mark());
        // A late announcement (operstate) repeats what was read back.
        known.heard(changed(made));

        assertFalse(known.news());
        assertEquals(readBack, known.current().orElseThrow());
    }

    @Test
    void anIntermediateStateHeardAfterTheReadBackIsNewsUntilTheLatestStateArrives() {
        known.listening(true);
        Link made = tunnel(9, "rait6x50003");
        fullyObserved(observation(List.of(made), List.of()));

        known.heard(changed(new Link(9, "rait6x50003", "wireguard", GROUP, 1420, false, 0, Link.ADDR_GEN_MODE_NONE)));
        assertTrue(known.news());
        known.heard(changed(made));
        assertFalse(known.news(), "only the latest event of a link counts");
    }

    @Test
    void aLinkSetDownByHandIsNewsAndItsDeviceIsReadAgainTheOthersAreNot() {
        known.listening(true);
        fullyObserved(twoTunnels());

        known.heard(changed(new Link(7, "rait6x50001", "wireguard", GROUP, 1420, false, 0, Link.ADDR_GEN_MODE_NONE)));

        assertTrue(known.news());
        assertTrue(known.current().isEmpty());
        Map<Integer, Optional<DeviceState>> trusted = known.trustedDevices().orElseThrow();
        assertEquals(java.util.Set.of(8), trusted.keySet(), "only the device of the link with news is read again");
    }

    @Test
    void aManagedLinkDeletedOrTakenOutOfTheGroupIsNewsADeletionOfAnUnknownLinkIsNot() {
        known.listening(true);
        fullyObserved(twoTunnels());

        known.heard(deleted(tunnel(42, "rait6x50042")));
        assertFalse(known.news(), "a link the observation does not have went: nothing to repair");

        known.heard(changed(new Link(8, "rait6x50002", "wireguard", 0, 1420, true, 0, Link.ADDR_GEN_MODE_NONE)));
        assertTrue(known.news(), "taken out of the group by hand");

        fullyObserved(twoTunnels());
        known.heard(deleted(tunnel(7, "rait6x50001")));
        assertTrue(known.news(), "deleted by hand");
    }

    @Test
    void linksOutsideTheGroupAreFollowedWithoutNewsSoThatANamesakeIsSeen() {
        known.listening(true);
        fullyObserved(twoTunnels());
        Link namesake = new Link(20, "rait6x50003", "veth", 0, 1500, true, 0, 0);

        known.heard(changed(namesake));

        assertFalse(known.news());
        assertTrue(known.current().orElseThrow().others().contains(namesake), "the planner sees the name taken");
        known.heard(deleted(namesake));
        assertFalse(known.current().orElseThrow().others().contains(namesake));
    }

    @Test
    void lostEventsAreNewsUntilAFullObservationBegunAfterTheLoss() {
        known.listening(true);
        fullyObserved(twoTunnels());
        long before = known.mark();

        known.heard(new LinkEvent(LinkEvent.Kind.LOST, Optional.empty()));
        assertTrue(known.news());
        assertTrue(known.trustedDevices().isEmpty(), "everything is read again");

        known.observed(twoTunnels(), true, before);
        assertTrue(known.news(), "that observation began before the loss");

        fullyObserved(twoTunnels());
        assertFalse(known.news());
    }

    @Test
    void afterTheSafetyIntervalEverythingIsReadAgainAndAReadBackDoesNotRestartIt() {
        known.listening(true);
        fullyObserved(twoTunnels());
        now.addAndGet(SAFETY.toNanos() - 1);
        known.observed(twoTunnels(), false, known.mark());
        assertTrue(known.current().isPresent());

        now.addAndGet(1);

        assertTrue(known.current().isEmpty(), "WireGuard settings changed by `wg set` make no event: read them again");
        assertTrue(known.trustedDevices().isEmpty());
        assertFalse(known.news(), "the safety interval is no reason for a repair pass of its own");
        fullyObserved(twoTunnels());
        assertTrue(known.current().isPresent());
    }

    @Test
    void forgettingMakesTheNextPassReadEverything() {
        known.listening(true);
        fullyObserved(twoTunnels());

        known.forget();

        assertTrue(known.news());
        assertTrue(known.current().isEmpty());
        assertTrue(known.trustedDevices().isEmpty());
    }

    @Test
    void anAddressRemovedByHandIsNewsTheAgentsOwnAddressAgreesOnceReadBackAndOtherLinksAddressesAreNone() {
        known.listening(true);
        fullyObserved(twoTunnels());

        known.heard(LinkEvent.address(LinkEvent.Kind.ADDRESS_ADDED, linkLocal(7)));
        assertFalse(known.news(), "DAD finishing announces the address again");
        known.heard(LinkEvent.address(LinkEvent.Kind.ADDRESS_ADDED, new LinkAddress(1, java.net.InetAddress.getLoopbackAddress(), 8)));
        assertFalse(known.news(), "lo is not rait's");

        known.heard(LinkEvent.address(LinkEvent.Kind.ADDRESS_REMOVED, linkLocal(8)));
        assertTrue(known.news(), "`ip addr del` on a managed interface");
        assertEquals(java.util.Set.of(7, 8), known.trustedDevices().orElseThrow().keySet(), "an address needs no device read");
        // The repair reads the interface without it, puts it back, and hears its own add.
        ObservedTunnel stripped = new ObservedTunnel(tunnel(8, "rait6x50002"), List.of(), observed(tunnel(8, "rait6x50002")).device());
        known.observed(new ManagedInterfaces.Observation(List.of(observed(tunnel(7, "rait6x50001")), stripped), List.of()), false,
                known.mark());
        assertFalse(known.news(), "what was read agrees with the removal");
        known.heard(LinkEvent.address(LinkEvent.Kind.ADDRESS_ADDED, linkLocal(8)));
        known.observed(twoTunnels(), false, known.mark());
        assertFalse(known.news(), "the repair's own add agrees with its read-back");

        known.heard(LinkEvent.address(LinkEvent.Kind.ADDRESS_ADDED, linkLocal(9)));
        assertTrue(known.news(), "an address of a link not read yet (the agent's own create, before its read-back)");
        known.observed(observation(List.of(tunnel(7, "rait6x50001"), tunnel(8, "rait6x50002"), tunnel(9, "rait6x50003")), List.of()),
                false, known.mark());
        assertFalse(known.news());
    }
}
