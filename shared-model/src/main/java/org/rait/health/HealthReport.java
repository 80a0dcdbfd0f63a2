package org.rait.health;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What an agent tells the registry about itself (design.md section 5, health). It carries no node key: the
 * registry takes the sender from the request's proof, so a node can only ever report about itself.
 *
 * @param version               the agent's rait version
 * @param appliedSerial         serial of the snapshot the tunnels follow; empty when none (or unsigned)
 * @param lastPass              how the agent's latest pass ended
 * @param reportIntervalSeconds how often the agent reports at the latest: the registry judges "online" by it
 * @param peers                 one entry per managed tunnel
 */
public record HealthReport(String version, OptionalLong appliedSerial, LastPass lastPass, int reportIntervalSeconds,
                           List<PeerHealth> peers) {
    /** How the latest pass ended, in the words of `rait status`. */
    public record LastPass(String news, String action, String detail, long ageSeconds) {
        public LastPass {
            Objects.requireNonNull(news, "news");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(detail, "detail");
        }
    }

    public HealthReport {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(appliedSerial, "appliedSerial");
        Objects.requireNonNull(lastPass, "lastPass");
        peers = List.copyOf(peers);
    }
}
