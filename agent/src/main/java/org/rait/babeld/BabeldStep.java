package org.rait.babeld;

import org.rait.config.RaitConfig;
import org.rait.log.EventLog;
import org.rait.netlink.NetworkNamespace;
import org.rait.netlink.Link;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The babeld step of a pass, run like an Ansible handler after the tunnels are applied (the pass decides when: on
 * its first run, after interfaces changed, after a failed sync). Never throws: a babeld that cannot be reached
 * fails this step, not the pass.
 */
public final class BabeldStep {
    private BabeldStep() {
    }

    public enum Status {
        /** rait.conf has no babeld block. */
        NOT_CONFIGURED,
        /** A check run: nothing was applied, so babeld is neither contacted nor reported. */
        CHECK_ONLY,
        /** Nothing changed and it is not the first pass: babeld was not contacted. */
        SKIPPED,
        SYNCED,
        FAILED;

        /** The recap field, e.g. {@code babeld=synced}; "" when there is no babeld to report on. */
        public String recapField() {
            return this == NOT_CONFIGURED || this == CHECK_ONLY ? "" : "babeld=" + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param outcome what was sent, when babeld was reached
     * @param error   why the step failed; "" otherwise
     */
    public record Result(Status status, Optional<SyncOutcome> outcome, String error) {
        public Result {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(error, "error");
        }

        public boolean failed() {
            return status == Status.FAILED;
        }
    }

    /** The result of a check run, which applies nothing and so has nothing to tell babeld. */
    public static Result checkOnly() {
        return new Result(Status.CHECK_ONLY, Optional.empty(), "");
    }

    /** rait.conf has no babeld block. */
    public static Result notConfigured() {
        return new Result(Status.NOT_CONFIGURED, Optional.empty(), "");
    }

    /** Nothing changed since a sync that went through: babeld is not contacted. */
    public static Result skipped() {
        return new Result(Status.SKIPPED, Optional.empty(), "");
    }

    /**
     * One sync, with rait's interfaces read over the pass's netlink socket and babeld reached from the namespace the
     * pass holds open.
     */
    public static Result sync(RaitConfig config, Supplier<List<Link>> links, NetworkNamespace where, Timeouts timeouts,
                              EventLog log) {
        if (config.babeld().isEmpty()) return notConfigured();
        try {
            SyncOutcome outcome = Babeld.sync(config, links.get(), where, timeouts);
            outcome.results().forEach(r -> log.write(r.succeeded() ? EventLog.Level.INFO : EventLog.Level.WARN, "babeld", r.fields()));
            Status status = outcome.ok() ? Status.SYNCED : Status.FAILED;
            String error = outcome.ok() ? "" : outcome.failures().size() + " babeld command(s) refused";
            return new Result(status, Optional.of(outcome), error);
        } catch (RuntimeException e) {
            // Socket, protocol and netlink failures alike: the tunnels are in place, only babeld lags behind.
            log.warn("babeld", "result", "failed", "reason", String.valueOf(e.getMessage()));
            return new Result(Status.FAILED, Optional.empty(), String.valueOf(e.getMessage()));
        }
    }
}
