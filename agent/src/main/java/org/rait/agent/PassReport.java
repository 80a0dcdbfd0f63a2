package org.rait.agent;

import org.rait.babeld.BabeldStep;
import org.rait.plan.TunnelPlan;
import org.rait.tunnels.Recap;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What one pass did.
 *
 * @param news       what the pass worked from
 * @param action     what it did with it
 * @param detail     the reason, for held, failed, unreachable and refused passes
 * @param plan       when the pass got as far as planning
 * @param recap      when a plan was applied, or (for a check) what applying it would give
 * @param babeld     the babeld step, when a plan was applied
 * @param retryAfter what the server asked for, so the next pass does not come sooner
 */
public record PassReport(News news, Action action, String detail, Optional<TunnelPlan> plan, Optional<Recap> recap,
                         BabeldStep.Result babeld, Optional<Duration> retryAfter) {
    /** Where the peer list of the pass came from, or why there was none. */
    public enum News {
        /** A snapshot the trust policy admitted (or a local file read afresh). */
        FRESH,
        /** The source still serves what the pass holds. */
        UNCHANGED,
        /** The source did not answer; the pass keeps what it holds. */
        UNREACHABLE,
        /** The source answered something the trust policy (or the parser) refused; the pass keeps what it holds. */
        REFUSED,
        /** The start from the state directory. */
        CACHE,
        /** A repair after a link event, from what the pass holds. */
        DRIFT,
        /** `rait down`: nothing is wanted. */
        DOWN,
        /** No pass ran (the cache was empty, or the pass threw). */
        NONE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the pass did. */
    public enum Action {
        APPLIED,
        /** A check: planned, nothing written. */
        CHECKED,
        /** The removal guard held the plan back; it waits for an operator. */
        HELD,
        /** No verified snapshot yet: the tunnels were left as they are. */
        NOTHING,
        /** Planning or applying threw. */
        FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PassReport {
        Objects.requireNonNull(news, "news");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(babeld, "babeld");
    }

    public boolean applied() {
        return action == Action.APPLIED;
    }

    public boolean held() {
        return action == Action.HELD;
    }

    /** The recap line, with the babeld step's field when a babeld block is configured. */
    public Optional<String> line() {
        String field = babeld.status().recapField();
        if (recap.isEmpty()) return Optional.empty();
        return Optional.of(field.isEmpty() ? recap.get().line() : recap.get().line() + " " + field);
    }
}
