package org.rait.plan;

import org.rait.config.AddressFamily;
import org.rait.keys.WgKey;
import org.rait.log.EventLog;

import java.util.List;

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
