package org.rait.demo;

/** Named network namespaces that the teardown deletes again, after ending the processes still inside. */
public final class Namespaces {
    private Namespaces() {
    }

    /** Adds the namespace with loopback up; returns its name. */
    public static String add(Host host, String name) {
        Host.run("ip", "netns", "add", name);
        host.teardown().add("delete namespace " + name, () -> delete(name));
        Host.run("ip", "-n", name, "link", "set", "lo", "up");
        return name;
    }

    /**
     * A name for the code under test to create itself: the teardown deletes it like the others (with the
     * processes in it) when it exists by then.
     */
    public static String reserve(Host host, String name) {
        host.teardown().add("delete namespace " + name + " (when it was made)", () -> delete(name));
        return name;
    }

    /** Every process in a namespace this run created is one of ours: end them by PID, then delete it. */
    public static void delete(String name) {
        for (String pid : Host.exec("ip", "netns", "pids", name).output().split("\\s+")) {
            if (pid.isBlank()) continue;
            try {
                ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(Host::stop);
            } catch (NumberFormatException e) {
                // not a pid: `ip netns pids` printed an error for a namespace that is already gone
            }
        }
        Host.Result result = Host.exec("ip", "netns", "del", name);
        if (!result.ok() && !result.output().contains("No such file")) {
            throw new IllegalStateException("ip netns del " + name + ": " + result.output().strip());
        }
    }
}
