package org.rait.plan;

import org.rait.keys.WgKey;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holds back a plan that removes many peers at once: a registry emptied by mistake, or a
 * bad edit, must not cut a node off its mesh in one pass. "Many" is both a share and a number: more than
 * {@code max_removal_share} of the peers this node has tunnels to now, and at least {@link #MIN_REMOVED_PEERS}
 * of them. So revoking one node of a two- or three-node mesh goes through (1 of 1, 1 of 2), while an empty list
 * is held on any mesh of three or more nodes. A pure check on the plan; {@code --force} skips it.
 */
public final class RemovalGuard {
    /** Fewer removed peers than this are never held: one peer gone is a revocation, not an accident. */
    public static final int MIN_REMOVED_PEERS = 2;

    private final double maxRemovalShare;

    public RemovalGuard(double maxRemovalShare) {
        if (maxRemovalShare < 0 || maxRemovalShare > 1) {
            throw new IllegalArgumentException("max_removal_share must be between 0 and 1, got " + maxRemovalShare);
        }
        this.maxRemovalShare = maxRemovalShare;
    }

    /**
     * The verdict on a plan.
     *
     * @param currentPeers peers with at least one managed tunnel now
     * @param removedPeers those of them the plan leaves with no tunnel at all, by key (or interface name
     *                     when the device no longer says which peer it served)
     */
    public record Verdict(boolean held, int currentPeers, Set<String> removedPeers, double maxShare) {
        public double share() {
            return currentPeers == 0 ? 0 : (double) removedPeers.size() / currentPeers;
        }

        /** One key=value line for the log, saying why a plan is held. */
        public String describe() {
            return "removed_peers=" + removedPeers.size() + " current_peers=" + currentPeers
                    + " share=" + String.format(java.util.Locale.ROOT, "%.2f", share())
                    + " max_removal_share=" + maxShare + " min_removed_peers=" + MIN_REMOVED_PEERS;
        }
    }

    public Verdict check(TunnelPlan plan) {
        // Peers by key (WgKey, or the fallback text of an interface that no longer says): made text only for the
        // removed ones, as every pass of a one-shot command checks its whole plan interpreted.
        Set<Object> current = new HashSet<>();
        Set<Object> kept = new HashSet<>();
        for (TunnelChange change : plan.changes()) {
            if (change instanceof TunnelChange.Create c) {
                kept.add(c.desired().peerKey());
            } else if (change instanceof TunnelChange.Unchanged u) {
                current.add(u.desired().peerKey());
                kept.add(u.desired().peerKey());
            } else if (change instanceof TunnelChange.Update u) {
                current.add(peer(u.observed(), u.desired().peerKey()));
                kept.add(u.desired().peerKey());
            } else if (change instanceof TunnelChange.Recreate r) {
                current.add(peer(r.observed(), r.desired().peerKey()));
                kept.add(r.desired().peerKey());
            } else if (change instanceof TunnelChange.Remove r) {
                current.add(peer(r.observed(), "interface " + r.observed().ifname()));
            }
        }
        Set<String> removed = new TreeSet<>();
        for (Object peer : current) if (!kept.contains(peer)) removed.add(peer.toString());
        boolean held = removed.size() >= MIN_REMOVED_PEERS && (double) removed.size() / current.size() > maxRemovalShare;
        return new Verdict(held, current.size(), Set.copyOf(removed), maxRemovalShare);
    }

    /**
     * The peer an existing interface serves (its key: {@link WgKey#toString()} is the base64 text); the fallback when
     * its device no longer says (drift, dead process).
     */
    private static Object peer(ObservedTunnel observed, Object fallback) {
        if (observed.device().isEmpty() || observed.device().get().peers().isEmpty()) return fallback;
        return observed.device().get().peers().get(0).publicKey();
    }
}
