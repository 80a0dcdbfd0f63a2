package org.rait.agent;

import java.util.List;

/**
 * What applying a plan did, interface by interface counted as in the recap line
 * ({@code ok=N changed=N failed=N removed=N}); {@code failures} says which interface failed and why.
 */
public record ApplyRecap(int ok, int changed, int failed, int removed, List<String> failures) {
    public ApplyRecap {
        failures = List.copyOf(failures);
    }

    public String line() {
        return "ok=" + ok + " changed=" + changed + " failed=" + failed + " removed=" + removed;
    }
}
