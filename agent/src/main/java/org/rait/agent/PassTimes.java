package org.rait.agent;

import org.rait.metrics.PassMetrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How long one pass took, phase by phase: logged at the end of its one line (milliseconds; 0 for a phase the pass
 * did not have, such as the fetch of a repair) and exported as metrics. Used by one pass on one thread.
 */
final class PassTimes {
    /** The phases in pass order; "verify" is the signature check of a fresh snapshot, made while fetching. */
    static final List<String> PHASES = List.of("fetch", "verify", "parse", "resolve", "observe", "plan", "apply", "babeld",
            "after_apply");

    private final long started = System.nanoTime();
    private final long[] nanos = new long[PHASES.size()];
    private final long before;

    /** @param fetched the fetch of this pass, made before it on the fetch thread; null when it had none */
    PassTimes(AgentPass.Fetched fetched) {
        Arrays.fill(nanos, -1);
        if (fetched == null) {
            before = 0;
            return;
        }
        long verify = fetched.outcome() instanceof SourceOutcome.Fresh f ? f.verified().toNanos() : 0;
        if (verify > 0) add("verify", verify);
        add("fetch", fetched.nanos() - Math.max(0, verify));
        before = fetched.nanos();
    }

    /** Counts the time since {@code startedNanos} (from {@link System#nanoTime()}) to the phase. */
    void since(String phase, long startedNanos) {
        add(phase, System.nanoTime() - startedNanos);
    }

    private void add(String phase, long n) {
        int i = PHASES.indexOf(phase);
        if (i < 0) throw new IllegalArgumentException("no phase " + phase);
        nanos[i] = Math.max(0, nanos[i]) + Math.max(0, n);
    }

    private long totalNanos() {
        return before + System.nanoTime() - started;
    }

    /** {@code leading}, then duration_ms and each phase's milliseconds. */
    Object[] fields(Object... leading) {
        List<Object> fields = new ArrayList<>(Arrays.asList(leading));
        fields.add("duration_ms");
        fields.add(millis(totalNanos()));
        for (int i = 0; i < nanos.length; i++) {
            fields.add(PHASES.get(i) + "_ms");
            fields.add(millis(Math.max(0, nanos[i])));
        }
        return fields.toArray();
    }

    /** The whole pass and each phase it had, into the histograms. */
    void record(PassMetrics metrics) {
        metrics.passDuration(totalNanos() / 1e9);
        for (int i = 0; i < nanos.length; i++) {
            if (nanos[i] < 0) continue;
            if (PHASES.get(i).equals("apply")) metrics.applyDuration(nanos[i] / 1e9);
            else metrics.phase(PHASES.get(i), nanos[i] / 1e9);
        }
    }

    /**
     * Nanoseconds as milliseconds with two decimals, rounded half up: what {@code String.format("%.2f")} printed, without
     * the Formatter, whose first use (locale data, number formatting) cost a one-shot command 15-20 ms of CPU on the host.
     */
    static String millis(long nanos) {
        long hundredths = (Math.max(0, nanos) + 5_000) / 10_000;
        long fraction = hundredths % 100;
        return (hundredths / 100) + (fraction < 10 ? ".0" : ".") + fraction;
    }
}
