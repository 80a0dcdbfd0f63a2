package org.rait.babeld;

import org.rait.config.BabeldConfig;
import org.rait.config.RaitConfig;
import org.rait.config.Transport;
import org.rait.log.EventLog;
import org.rait.netlink.Link;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The babeld step of a pass, run like an Ansible handler after the tunnels are applied (the pass decides when: at its
 * first run, after interfaces changed, after a failed sync): read babeld's interfaces, plan with {@link SyncPlanner},
 * send every command. A refused command does not stop the others. Never throws: a babeld that cannot be reached
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
        /** Nothing changed since a sync that went through: babeld was not contacted. */
        SKIPPED,
        SYNCED,
        FAILED;

        /** The recap field, e.g. {@code babeld=synced}; "" when there is no babeld to report on. */
        public String recapField() {
            return this == NOT_CONFIGURED || this == CHECK_ONLY ? "" : "babeld=" + name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How the step ended.
     *
     * @param sent  every command sent and babeld's reply to it
     * @param error why the step failed; "" otherwise
     */
    public record Result(Status status, List<StepResult> sent, String error) {
        public Result {
            Objects.requireNonNull(status, "status");
            sent = List.copyOf(sent);
            Objects.requireNonNull(error, "error");
        }

        /** A sync that reached babeld: synced when every command reached its goal. */
        public static Result of(List<StepResult> sent) {
            long refused = sent.stream().filter(r -> !r.succeeded()).count();
            return new Result(refused == 0 ? Status.SYNCED : Status.FAILED, sent, refused == 0 ? "" : refused + " babeld command(s) refused");
        }

        public boolean failed() {
            return status == Status.FAILED;
        }

        public List<StepResult> failures() {
            return sent.stream().filter(r -> !r.succeeded()).toList();
        }

        /** Whether babeld's set of interfaces changed (extra commands do not count: they are re-sent every time). */
        public boolean changedInterfaces() {
            return sent.stream().anyMatch(r -> r.succeeded() && r.reply().isOk() && !(r.step() instanceof SyncStep.ExtraCommand));
        }
    }

    /** The result of a check run, which applies nothing and so has nothing to tell babeld. */
    public static Result checkOnly() {
        return new Result(Status.CHECK_ONLY, List.of(), "");
    }

    /** rait.conf has no babeld block. */
    public static Result notConfigured() {
        return new Result(Status.NOT_CONFIGURED, List.of(), "");
    }

    /** Nothing changed since a sync that went through: babeld is not contacted. */
    public static Result skipped() {
        return new Result(Status.SKIPPED, List.of(), "");
    }

    /**
     * One sync: rait's interfaces from {@code links} (a pass reads them over its own netlink socket), babeld reached
     * through {@code connect} (a pass connects from the namespace it holds open). Each command is logged.
     */
    public static Result sync(RaitConfig config, Supplier<List<Link>> links, Function<BabeldConfig, BabeldClient> connect,
                              EventLog log) {
        if (config.babeld().isEmpty()) return notConfigured();
        BabeldConfig babeld = config.babeld().get();
        try {
            RaitInterfaces rait = RaitInterfaces.of(links.get(), config.isolation().ifgroup(),
                    config.transports().stream().map(Transport::ifprefix).toList());
            Result result;
            try (BabeldClient client = connect.apply(babeld)) {
                result = send(client, rait, babeld);
            }
            result.sent().forEach(r -> log.write(r.succeeded() ? EventLog.Level.INFO : EventLog.Level.WARN, "babeld", r.fields()));
            return result;
        } catch (RuntimeException e) {
            // Socket, protocol and netlink failures alike: the tunnels are in place, only babeld lags behind.
            log.warn("babeld", "result", "failed", "reason", String.valueOf(e.getMessage()));
            return new Result(Status.FAILED, List.of(), String.valueOf(e.getMessage()));
        }
    }

    /** Brings babeld in line with rait's interfaces over an open control connection. */
    static Result send(BabeldClient client, RaitInterfaces rait, BabeldConfig config) {
        List<String> running = client.dump().interfaceNames();
        List<StepResult> sent = new ArrayList<>();
        for (SyncStep step : SyncPlanner.plan(rait, running, config.param(), config.extraCmd())) {
            sent.add(new StepResult(step, client.send(step.command())));
        }
        return Result.of(sent);
    }
}
