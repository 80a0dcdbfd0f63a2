package org.rait.babeld;

import org.rait.log.EventLog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A sync step and babeld's reply to it. */
public record StepResult(SyncStep step, Reply reply) {
    public StepResult {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(reply, "reply");
    }

    /**
     * Whether the step reached its goal. A flush answered {@code no No such interface} did: babeld
     * already stopped running on it (another sync got there first).
     */
    public boolean succeeded() {
        if (reply.isOk()) return true;
        return step instanceof SyncStep.FlushInterface
                && reply instanceof Reply.No no && no.reason().equalsIgnoreCase("No such interface");
    }

    /** The log fields: {@code action=add interface=rait6x1001 result=ok}, babeld's reply when not ok. */
    public List<Object> fields() {
        List<Object> fields = new ArrayList<>(step.fields());
        fields.addAll(List.of("result", succeeded() ? "ok" : "failed"));
        if (!reply.isOk()) fields.addAll(List.of("reply", reply.describe()));
        return fields;
    }

    /** The step as `rait babeld sync` prints it: {@code event=babeld} and the log fields. */
    public String logLine() {
        return "event=babeld " + EventLog.pairs(fields());
    }
}
