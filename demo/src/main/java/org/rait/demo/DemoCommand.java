package org.rait.demo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code rait demo}: bin/rait finds this module on its class path and the rait command adds it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "As root: start a registry and three nodes in network namespaces on this machine, show them "
                + "registering, being approved and converging to a full mesh; remove everything on exit or Ctrl-C.")
public final class DemoCommand implements Callable<Integer> {
    /** rait's exit statuses (README): 0 done, 1 the run failed, 2 a bad command line. */
    private static final int OK = 0;
    private static final int FAILED = 1;
    private static final int USAGE = 2;

    @Option(names = "--exit-when-converged", description = "Exit 0 once every node reaches every other (1 on timeout)")
    boolean exitWhenConverged;

    @Option(names = "--nodes", defaultValue = "3", description = "How many nodes, 2-9 (default: ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "180",
            description = "Give up when the mesh is not complete after this long (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "3",
            description = "The agents' poll interval (default: ${DEFAULT-VALUE})")
    int intervalSeconds;

    @Override
    public Integer call() {
        Demo.Options options;
        try {
            options = new Demo.Options(nodes, exitWhenConverged, Duration.ofSeconds(timeoutSeconds), intervalSeconds);
        } catch (IllegalArgumentException e) {
            System.err.println("rait demo: " + e.getMessage());
            return USAGE;
        }
        return new Demo(options, System.out).run() == 0 ? OK : FAILED;
    }
}
