package org.rait.plan;

import org.rait.config.AddressFamily;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Endpoint addresses looked up before planning (so the planner stays pure): one address per
 * (name, family); a name missing from the map did not resolve. Warnings say which and why.
 */
public record ResolvedAddresses(Map<Query, InetAddress> addresses, List<PlanWarning> warnings) {
    public static final ResolvedAddresses NONE = new ResolvedAddresses(Map.of(), List.of());

    public record Query(String address, AddressFamily family) {
    }

    public ResolvedAddresses {
        addresses = Map.copyOf(addresses);
        warnings = List.copyOf(warnings);
    }

    public Optional<InetAddress> lookup(String address, AddressFamily family) {
        return Optional.ofNullable(addresses.get(new Query(address, family)));
    }
}
