package org.rait.babeld;

import java.util.List;

/** What a babeld sync sent and how babeld answered each command. */
public record SyncOutcome(List<StepResult> results) {
    public SyncOutcome {
        results = List.copyOf(results);
    }

    public boolean ok() {
        return results.stream().allMatch(StepResult::succeeded);
    }

    /** Whether babeld's set of interfaces changed (extra commands do not count: they are re-sent every time). */
    public boolean changedInterfaces() {
        return results.stream().anyMatch(r -> r.succeeded() && r.reply().isOk()
                && !(r.step() instanceof SyncStep.ExtraCommand));
    }

    public List<StepResult> failures() {
        return results.stream().filter(r -> !r.succeeded()).toList();
    }
}
