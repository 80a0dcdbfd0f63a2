package org.rait.testbed;

import java.util.ArrayList;
import java.util.List;

/** A test namespace; commands run in it through `ip netns exec`. */
public record Netns(String name) {
    /** Runs a shell command in the namespace; fails the test with its output when it fails. */
    public String sh(String command) {
        return Commands.run("ip", "netns", "exec", name, "sh", "-c", command);
    }

    /** Like {@link #sh} but returns the exit status and output instead of failing. */
    public Commands.Result trySh(String command) {
        return Commands.exec(List.of("ip", "netns", "exec", name, "sh", "-c", command));
    }

    /** The command prefixed to run inside this namespace. */
    public List<String> exec(List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        return full;
    }
}
