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
            return differences.stream().anyMatch(d -> d.field().ofDevice());
        }
    }

    /** A link in our group whose WireGuard device is gone (its process died): delete it and make it again. */
    record Recreate(DesiredTunnel desired, ObservedTunnel observed) implements TunnelChange {
        public String ifname() {
            return desired.ifname();
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
