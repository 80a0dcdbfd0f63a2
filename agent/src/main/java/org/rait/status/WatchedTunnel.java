package org.rait.status;

import java.util.Objects;

/**
 * A tunnel as the agent last looked at it, with how often the peer's endpoint (as WireGuard reports it) was seen
 * to change while this agent runs: roaming peers and NAT rebinding show here.
 */
public record WatchedTunnel(TunnelStatus status, long endpointChanges) {
    public WatchedTunnel {
        Objects.requireNonNull(status, "status");
    }

    /** The peer's name, or its key when the snapshot gives it none: what metrics and reports label it by. */
    public String peerLabel() {
        return status.peerName().isEmpty() ? status.peerKey() : status.peerName();
    }
}
