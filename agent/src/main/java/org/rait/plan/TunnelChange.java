package org.rait.plan;

import java.util.List;

/** What the plan does with one interface. */
public sealed interface TunnelChange {
    String ifname();

    /** The interface does not exist: make it. */
    record Create(DesiredTunnel desired) implements TunnelChange {
        public String ifname() {
            return desired.ifname();
        }
    }

    /** The interface exists with some settings off: write only those. */
    record Update(DesiredTunnel desired, ObservedTunnel observed, List<FieldDifference> differences) implements TunnelChange {
        public Update {
            differences = List.copyOf(differences);
        }

        public String ifname() {
            return desired.ifname();
        }

        public boolean touchesDevice() {
            for (FieldDifference d : differences) if (d.field().ofDevice()) return true;
            return false;
        }
    }

    /**
     * A link in our group under a wanted name with no WireGuard device behind it: its device is gone (its
     * process died), or it is another kind of link. Delete it and make the tunnel.
     */
    record Recreate(DesiredTunnel desired, ObservedTunnel observed) implements TunnelChange {
        public String ifname() {
            return desired.ifname();
        }

        /** Why, for the log: RAIT's words for a link of another kind. */
        public String reason() {
            String kind = observed.link().kind();
            if (kind.equals("wireguard") || kind.equals("tun")) return "no WireGuard device behind the link";
            return "already exists but is of wrong type (" + (kind.isEmpty() ? "no link kind" : kind) + ")";
        }
    }

    /** A managed interface nobody wants any more. */
    record Remove(ObservedTunnel observed) implements TunnelChange {
        public String ifname() {
            return observed.ifname();
        }
    }

    /** Already as wanted. */
    record Unchanged(DesiredTunnel desired) implements TunnelChange {
        public String ifname() {
            return desired.ifname();
        }
    }
}
