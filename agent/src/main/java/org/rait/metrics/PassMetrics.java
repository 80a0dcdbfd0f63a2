package org.rait.metrics;

import org.rait.state.StateDirectory.SourceResult;
import org.rait.trust.TrustedSnapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a pass and its fetches record for the metrics. `rait agent` exports them ({@link AgentMetrics});
 * a single run (`rait up`, `rait down`, `rait agent --once`) has nobody to scrape them and records into
 * {@link #NONE}: building the Prometheus registry cost `rait up` about 35 ms of its start-up.
 */
public interface PassMetrics {
    /** Records nothing. */
    PassMetrics NONE = new PassMetrics() {
    };

    /** One HTTP attempt: "changed", "not_modified" or a failure label. */
    default void fetchAttempt(String outcome) {
    }

    /** What each URL of a `peers` list answered in the latest pass. */
    default void sources(List<SourceResult> results) {
    }

    /** One pass: what the source said (fresh, unchanged, unreachable, refused, cache) and what was done. */
    default void pass(String news, String action) {
    }

    /** A snapshot refused by the trust policy or the size cap. */
    default void refusal(String reason) {
    }

    /** The snapshot the tunnels now follow. */
    default void snapshot(TrustedSnapshot snapshot, Instant accepted) {
    }

    /** Managed tunnels by state after the last pass ("ok", "changed", "failed"). */
    default void tunnels(Map<String, Long> byState) {
    }

    /** Interface names several peers of the list claim (one send_port, one family), in the last plan. */
    default void sendPortConflicts(long count) {
    }

    /** When the loop will fetch next (Unix seconds). */
    default void nextFetch(long epochSeconds) {
    }

    default void applyDuration(double seconds) {
    }

    /** @param phase "fetch", "verify", "parse", "resolve", "observe", "plan", "apply", "babeld" or "after_apply" */
    default void phase(String phase, double seconds) {
    }

    /** A whole pass, from the start of its fetch (if it had one) to its last line. */
    default void passDuration(double seconds) {
    }
}
