package org.rait.tunnels;

import org.rait.netlink.Link;
import org.rait.netlink.LinkAddress;
import org.rait.netlink.LinkEvent;
import org.rait.plan.ObservedTunnel;
import org.rait.wireguard.DeviceState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * What the agent knows of its target namespace between passes: the last observation, kept current by the link events
 * of the namespace, so that a pass with nothing new reads nothing from the kernel and the agent's own writes are not
 * taken for drift.
 *
 * <p>An event is news when it contradicts what is known: a link of the ifgroup (or a TUN, which may be a wireguard-go
 * of ours) that appeared, went, or whose name, group, MTU, up flag, master or address generation differs from the
 * observation; an address added to or removed from a managed interface that the observation does not show so. The kernel announces every intermediate state of an interface the agent makes (down, outside the group,
 * then set up) and some later ones (operstate); only the latest event of each link counts, and once the agent has read
 * back what it wrote, the events of its own writes agree with it. Links outside the group are followed in place
 * (they only matter as namesakes). A lost event (the socket overflowed) is news until the next full observation.
 *
 * <p>Link events say nothing of WireGuard device settings (`wg set` makes none): those are trusted for at most the
 * safety interval (agent.observe_interval), after which the next pass reads everything again.
 * Nothing is trusted while no subscription delivers the events ({@link #listening}): every pass then reads everything.
 * Thread-safe: events arrive on the subscription's thread, passes run on the loop's.
 */
public final class KnownState {
    /** Where the observation of a pass came from. */
    public enum Reading {
        /** What was known: no kernel read. */
        KNOWN,
        /** One link dump and one address dump; WireGuard devices read only for the links that are new or changed. */
        PARTIAL,
        /** Everything read again: the first pass, a lost event, or the safety interval elapsed. */
        FULL;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final long ifgroup;
    private final long safetyNanos;
    private final LongSupplier nanoTime;

    private ManagedInterfaces.Observation observation;
    private Map<Integer, Link> links = Map.of();
    private Map<Integer, ObservedTunnel> managed = Map.of();
    private long fullAt;
    /** The latest event of each link that concerns us and did not agree with the observation when it came. */
    private final Map<Integer, LinkEvent> heard = new HashMap<>();
    /** The same for addresses: the latest event of each address that did not agree when it came. */
    private final Map<LinkAddress, LinkEvent> heardAddresses = new HashMap<>();
    /** Counts lost-event notices, so that only an observation begun after the last one clears it. */
    private long losses;
    private boolean lost;
    private boolean listening;

    public KnownState(long ifgroup, Duration safetyInterval) {
        this(ifgroup, safetyInterval, System::nanoTime);
    }

    KnownState(long ifgroup, Duration safetyInterval, LongSupplier nanoTime) {
        if (safetyInterval.isZero() || safetyInterval.isNegative()) {
            throw new IllegalArgumentException("the safety interval must be positive, got " + safetyInterval);
        }
        this.ifgroup = ifgroup;
        this.safetyNanos = safetyInterval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Whether link events are delivered; until they are (and after they stop), what was seen is never trusted. */
    public synchronized void listening(boolean on) {
        listening = on;
        if (!on) forget();
    }

    /** A link event of the target namespace. */
    public synchronized void heard(LinkEvent event) {
        if (event.kind() == LinkEvent.Kind.LOST) {
            losses++;
            lost = true;
            return;
        }
        if (event.address().isPresent()) {
            if (agreesAddress(event)) heardAddresses.remove(event.address().get());
            else heardAddresses.put(event.address().get(), event);
            return;
        }
        Link link = event.link().get();
        Link known = links.get(link.index());
        if (!concernsUs(link) && (known == null || !concernsUs(known))) {
            followOther(event.kind(), link);
            return;
        }
        if (agrees(event)) heard.remove(link.index());
        else heard.put(link.index(), event);
    }

    /** Something changed, but what is not known (no event to go by): the next pass reads everything. */
    public synchronized void forget() {
        observation = null;
        links = Map.of();
        managed = Map.of();
        heard.clear();
        heardAddresses.clear();
    }

    /** Whether anything happened that the observation does not show: a repair pass has something to look at. */
    public synchronized boolean news() {
        if (observation == null || lost || !listening) return true;
        return heard.values().stream().anyMatch(e -> !agrees(e)) || heardAddresses.values().stream().anyMatch(e -> !agreesAddress(e));
    }

    /** The observation a pass can plan from without reading anything: nothing new, and within the safety interval. */
    synchronized Optional<ManagedInterfaces.Observation> current() {
        if (news() || fullDue()) return Optional.empty();
        return Optional.of(observation);
    }

    /**
     * The WireGuard devices that need no read, by link index: all but those of links with news; empty when everything
     * is to be read again (nothing known, events lost, safety interval elapsed).
     */
    synchronized Optional<Map<Integer, Optional<DeviceState>>> trustedDevices() {
        if (observation == null || lost || !listening || fullDue()) return Optional.empty();
        Map<Integer, Optional<DeviceState>> devices = new HashMap<>(observation.devices());
        heard.keySet().forEach(devices::remove);
        return Optional.of(devices);
    }

    /** To pass back to {@link #observed}: taken before reading, so that a loss during the read is not cleared by it. */
    synchronized long mark() {
        return losses;
    }

    /** What a pass read; {@code full} when it read every WireGuard device (the safety interval starts again). */
    synchronized void observed(ManagedInterfaces.Observation seen, boolean full, long mark) {
        observation = seen;
        links = seen.links();
        managed = new HashMap<>();
        for (ObservedTunnel t : seen.managed()) managed.put(t.link().index(), t);
        if (full) {
            fullAt = nanoTime.getAsLong();
            if (mark == losses) lost = false;
        }
        heard.values().removeIf(this::agrees);
        heardAddresses.values().removeIf(this::agreesAddress);
    }

    private boolean fullDue() {
        return nanoTime.getAsLong() - fullAt >= safetyNanos;
    }

    private boolean concernsUs(Link link) {
        return link.group() == ifgroup || link.kind().equals("tun");
    }

    private boolean agrees(LinkEvent event) {
        Link link = event.link().orElseThrow();
        Link known = links.get(link.index());
        return event.kind() == LinkEvent.Kind.DELETED ? known == null : link.equals(known);
    }

    /**
     * An address event agrees when the managed interface shows the address as the event says, or when it concerns a
     * link known not to be ours (whose addresses are none of rait's business); on a link not known yet it is news.
     */
    private boolean agreesAddress(LinkEvent event) {
        LinkAddress address = event.address().orElseThrow();
        boolean added = event.kind() == LinkEvent.Kind.ADDRESS_ADDED;
        ObservedTunnel tunnel = managed.get(address.linkIndex());
        if (tunnel == null) return links.containsKey(address.linkIndex()) || !added;
        return tunnel.addresses().contains(address) == added;
    }

    /** A link that is not ours changed: the observation follows it, since it only matters as a namesake. */
    private void followOther(LinkEvent.Kind kind, Link link) {
        if (observation == null) return;
        List<Link> others = new ArrayList<>(observation.others());
        others.removeIf(l -> l.index() == link.index());
        if (kind != LinkEvent.Kind.DELETED) others.add(link);
        observation = new ManagedInterfaces.Observation(observation.managed(), others);
        links = observation.links();
    }
}
