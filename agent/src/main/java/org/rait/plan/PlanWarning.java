package org.rait.plan;

import org.rait.config.AddressFamily;
import org.rait.keys.WgKey;
import org.rait.log.EventLog;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Something the operator should know about a plan that is not a failure; the pass logs each once. */
public sealed interface PlanWarning {
    /** The event name in the log. */
    String event();

    /** Alternating keys and values for the log line. */
    List<Object> fields();

    /** The fields as one key=value text. */
    default String text() {
        return EventLog.pairs(fields());
    }

    /** An endpoint name did not resolve for a family: its tunnel is made without an endpoint. */
    record Unresolved(String address, AddressFamily family, String reason) implements PlanWarning {
        @Override
        public String event() {
            return "unresolved";
        }

        @Override
        public List<Object> fields() {
            return List.of("address", address, "family", family, "reason", reason, "effect", "tunnel without endpoint");
        }
    }

    /**
     * Several peers claim one send_port in one family: the holder of the existing interface keeps it, and
     * without one nobody gets it (see {@link Planner}).
     */
    record SendPortConflict(String ifname, AddressFamily family, int sendPort, List<WgKey> peers, Optional<WgKey> holder)
            implements PlanWarning {
        public SendPortConflict {
            peers = List.copyOf(peers);
        }

        @Override
        public String event() {
            return "send_port_conflict";
        }

        @Override
        public List<Object> fields() {
            return List.of("ifname", ifname, "family", family, "send_port", sendPort,
                    "peers", peers.stream().map(WgKey::base64).collect(Collectors.joining(",")),
                    "holder", holder.map(WgKey::base64).orElse("none"),
                    "effect", holder.isPresent() ? "the holder keeps the tunnel" : "no tunnel until the registry resolves it");
        }
    }

    /** A peer's endpoint gets no tunnel. */
    record Skipped(String ifname, WgKey peer, String reason) implements PlanWarning {
        @Override
        public String event() {
            return "skip";
        }

        @Override
        public List<Object> fields() {
            return List.of("ifname", ifname, "peer", peer, "reason", reason);
        }
    }
}
