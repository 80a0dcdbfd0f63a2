package org.rait.config;

import java.util.Objects;

/**
 * Where sockets and interfaces live.
 *
 * @param ifgroup  the interface group that marks what rait manages
 * @param transit  netns (or VRF) of the UDP sockets; "" = the current one
 * @param target   netns (or VRF) the interfaces are moved into (enslaved to); "" = the current one
 * @param vrfTable routing table of a VRF device created by rait (VRF mode only)
 */
public record Isolation(IsolationType type, long ifgroup, String transit, String target, int vrfTable) {
    public static final long DEFAULT_IFGROUP = 54;
    public static final Isolation DEFAULT = new Isolation(IsolationType.NETNS, DEFAULT_IFGROUP, "", "", 0);

    public Isolation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(transit, "transit");
        Objects.requireNonNull(target, "target");
    }
}
