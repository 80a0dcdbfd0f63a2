package org.rait.tunnels;

import org.rait.plan.TunnelChange;
import org.rait.plan.TunnelPlan;

import java.util.List;

/**
 * The end of every run, in the Ansible manner. ok counts the interfaces that are as wanted at the end
 * (changed ones included), changed those that were created or modified, failed those that could not be
 * made right, removed those deleted. writes counts kernel write requests (rtnetlink + WireGuard).
 */
public record Recap(int ok, int changed, int failed, int removed, long writes, List<String> failures) {
    public Recap {
        failures = List.copyOf(failures);
    }

    public boolean succeeded() {
        return failed == 0;
    }

    /** The recap a plan would give if every step succeeded: what a check reports. */
    public static Recap predicted(TunnelPlan plan) {
        int removed = plan.of(TunnelChange.Remove.class).size();
        int unchanged = plan.of(TunnelChange.Unchanged.class).size();
        int kept = plan.changes().size() - removed;
        return new Recap(kept, kept - unchanged, 0, removed, 0, List.of());
    }

    public String line() {
        return "ok=" + ok + " changed=" + changed + " failed=" + failed + " removed=" + removed;
    }
}
