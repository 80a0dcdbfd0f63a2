package org.rait.plan;

import org.rait.config.AddressFamily;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Endpoint addresses looked up before planning (so the planner stays pure): one address per
 * (name, family); a name missing from the map did not resolve. Warnings say which and why.
 */
public record ResolvedAddresses(Map<Query, InetAddress> addresses, List<PlanWarning> warnings) {
    public static final ResolvedAddresses NONE = new ResolvedAddresses(Map.of(), List.of());

    /**
     * A map key, so equals and hashCode are written out: a record's generated ones are bootstrapped through
     * invokedynamic, whose method-handle classes (spun at run time, kept by no CDS archive) cost a short command
     * ~10 ms of CPU (docs/benchmarks.md, start-up).
     */
    public record Query(String address, AddressFamily family) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Query q && Objects.equals(address, q.address) && family == q.family;
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(address) + Objects.hashCode(family);
        }
    }

    public ResolvedAddresses {
        addresses = Map.copyOf(addresses);
        warnings = List.copyOf(warnings);
    }

    public Optional<InetAddress> lookup(String address, AddressFamily family) {
        return Optional.ofNullable(addresses.get(new Query(address, family)));
    }
}
