package org.rait.tunnels;

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

    public String line() {
        return "ok=" + ok + " changed=" + changed + " failed=" + failed + " removed=" + removed;
    }
}
