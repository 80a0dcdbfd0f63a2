package org.rait.testbed;

import org.rait.demo.Host;

import java.util.ArrayList;
import java.util.List;

/** A test namespace; commands run in it through `ip netns exec`. */
public record Netns(String name) {
    /** Runs a shell command in the namespace; fails the test with its output when it fails. */
    public String sh(String command) {
        Host.Result result = trySh(command);
        if (!result.ok()) throw new AssertionError("in " + name + ": " + command + " -> exit " + result.status() + "\n" + result.output());
        return result.output();
    }

    /** Like {@link #sh} but returns the exit status and output instead of failing. */
    public Host.Result trySh(String command) {
        return Host.inNamespace(name, command);
    }

    /** The command prefixed to run inside this namespace. */
    public List<String> exec(List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        return full;
    }
}
