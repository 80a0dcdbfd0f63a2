package org.rait.babeld;

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

    /** One log line: {@code event=babeld action=add interface=rait6x1001 result=ok}, babeld's reply when not ok. */
    public String logLine() {
        return "event=babeld " + step.fields() + " result=" + (succeeded() ? "ok" : "failed")
                + (reply.isOk() ? "" : " reply=\"" + reply.describe() + "\"");
    }
}
