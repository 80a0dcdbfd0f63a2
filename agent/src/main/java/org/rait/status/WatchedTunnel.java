package org.rait.status;

import java.util.Objects;

/**
 * A tunnel as the agent last looked at it, with how often the peer's endpoint (as WireGuard reports it) was seen
 * to change while this agent runs: roaming peers and NAT rebinding show here.
 *
 * @param rxIdleSeconds for how long, at least, the rx counter has stood still: seconds from the first look that saw
 *                      its current value to this look (0 when it grew since the previous look, or at the first look).
 *                      Never more than the truth, so a tunnel that does receive is never taken for a silent one.
 */
public record WatchedTunnel(TunnelStatus status, long endpointChanges, long rxIdleSeconds) {
    public WatchedTunnel {
        Objects.requireNonNull(status, "status");
    }

    /** The peer's name, or its key when the snapshot gives it none: what metrics and reports label it by. */
    public String peerLabel() {
        return status.peerName().isEmpty() ? status.peerKey() : status.peerName();
    }
}
