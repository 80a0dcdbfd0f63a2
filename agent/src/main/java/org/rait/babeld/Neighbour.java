package org.rait.babeld;

import java.util.Objects;

/**
 * A babel neighbour heard on an interface. A cost of {@link #UNREACHABLE} means babeld does not
 * (or no longer) consider the link usable; babeld keeps such entries for a while after a flush.
 *
 * @param reach the hello history as babeld prints it (hex, most recent hello first)
 */
public record Neighbour(String address, String interfaceName, String reach, int rxcost, int txcost, int cost) {
    public static final int UNREACHABLE = 0xFFFF;

    public Neighbour {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(reach, "reach");
    }

    public boolean reachable() {
        return cost < UNREACHABLE;
    }
}
