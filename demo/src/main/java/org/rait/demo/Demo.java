package org.rait.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * {@code rait demo}: a registry and a few nodes in network namespaces on this machine, shown registering,
 * being approved and converging to a full mesh, then removed again (on exit, on failure and on Ctrl-C).
 */
public final class Demo {
    /** Quick-starting, small JVMs for the nodes' rait processes (several run at once on a small machine). */
    public static final String NODE_JVM_OPTIONS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:MaxRAMPercentage=5";

    /**
     * @param nodes             how many nodes (2-9)
     * @param exitWhenConverged exit 0 as soon as every node reaches every other
     * @param timeout           how long convergence may take before the demo gives up (exit 1)
     * @param intervalSeconds   the agents' poll interval
     */
    public record Options(int nodes, boolean exitWhenConverged, Duration timeout, int intervalSeconds) {
        public Options {
            if (nodes < 2 || nodes > 9) throw new IllegalArgumentException("--nodes must be 2-9, got " + nodes);
            if (intervalSeconds < 1) throw new IllegalArgumentException("--interval must be at least 1 second, got " + intervalSeconds);
        }
    }

    private final Options options;
    private final PrintStream out;
    private final String runId = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    private final long started = System.nanoTime();
    /** Set by Ctrl-C: the main thread stops reporting while the teardown runs. */
    private volatile boolean interrupted;

    public Demo(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Runs the demo and returns the exit status; everything it made is gone when this returns. */
    public int run() {
        Teardown teardown = new Teardown();
        Thread hook = new Thread(() -> {
            interrupted = true;
            say("interrupted: removing everything the demo made (processes, namespaces, files)");
            teardown.run();
            say("done");
        }, "demo-teardown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return runWith(new Host(teardown));
        } catch (Prerequisites.Missing e) {
            out.println("rait demo: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            out.println("rait demo: failed: " + e.getMessage());
            return 1;
        } finally {
            say("removing everything the demo made (processes, namespaces, files)");
            teardown.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down (Ctrl-C): the hook ran the same teardown
            }
            say("done");
        }
    }

    private int runWith(Host host) throws IOException {
        Prerequisites.ensure(out);
        Launchers launchers = Launchers.ofThisTree();
        String prefix = "raitdemo-" + runId;
        say("rait demo " + runId + ": one registry and " + options.nodes() + " nodes in network namespaces named " + prefix + "-*");
        Path base = Files.createTempDirectory(prefix + "-");
        host.teardown().add("remove " + base, () -> deleteTree(base));

        DemoRegistry registry = DemoRegistry.start(host, launchers, base.resolve("registry"));
        say("registry listening on " + registry.url() + " (data in " + registry.dataDir() + ")");
        say("registry signing key (every node pins it in agent.trusted_keys): " + registry.signingKey());

        Underlay underlay = Underlay.create(host, prefix);
        List<DemoNode> nodes = new ArrayList<>();
        for (int n = 1; n <= options.nodes(); n++) {
            DemoNode node = DemoNode.create(host, launchers, underlay, prefix, n, "node" + n, base);
            node.writeConfig(registry, options.intervalSeconds());
            nodes.add(node);
            say(node.name() + ": underlay " + Underlay.address(n) + " in " + node.transit() + ", tunnels and babeld in "
                    + node.target() + ", own address " + node.loopbackAddress() + ", send_port " + node.sendPort());
        }
        Map<String, String> environment = Map.of("RAIT_JAVA_OPTS", NODE_JVM_OPTIONS);

        for (DemoNode node : nodes) {
            Host.Result registered = node.register(environment, registry.pin(), Optional.empty());
            if (!registered.ok()) throw new IllegalStateException(node.name() + ": rait register -> exit " + registered.status() + ": " + registered.output().strip());
            say(node.name() + ": rait register -> " + oneLine(registered.output()));
        }
        say("the admin sees them waiting (rait-registry admin list):");
        out.print(registry.adminOrFail("list").indent(4));

        for (DemoNode node : nodes) {
            node.startAgent(environment, registry.pin());
        }
        say("every node runs `rait agent` (poll interval " + options.intervalSeconds() + " s); nobody is approved yet, so no tunnels");

        for (DemoNode node : nodes) {
            registry.adminOrFail("approve", node.publicKey().base64());
            say("admin: rait-registry admin approve " + node.publicKey().base64() + "   (" + node.name() + ")");
        }

        Optional<MeshMatrix> converged = awaitConvergence(nodes);
        if (converged.isEmpty()) {
            MeshMatrix last = MeshProbe.probeWithHandshakes(nodes, environment);
            say("no full mesh within " + options.timeout().toSeconds() + " s; the mesh now:");
            out.print(last.render().indent(4));
            for (DemoNode node : nodes) {
                out.println("--- last lines of " + node.name() + "'s agent log:");
                out.print(tail(node.agentLog(), 15).indent(4));
            }
            return 1;
        }
        for (DemoNode node : nodes) {
            Host.Result status = node.status(environment);
            say("rait status of " + node.name() + ":");
            out.print(status.output().indent(4));
        }
        say("mesh matrix:");
        out.print(MeshProbe.probeWithHandshakes(nodes, environment).render().indent(4));
        if (options.exitWhenConverged()) return 0;

        say("the mesh stays up; press Ctrl-C to remove everything");
        while (!interrupted) {
            DemoRegistry.sleep(15_000);
            MeshMatrix matrix = MeshProbe.probeWithHandshakes(nodes, environment);
            if (interrupted) break;
            say("mesh matrix:");
            out.print(matrix.render().indent(4));
        }
        return 0;
    }

    /** Probes until every pair reaches each other (returns the matrix) or the timeout passes (empty). */
    private Optional<MeshMatrix> awaitConvergence(List<DemoNode> nodes) {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        long reported = -1;
        long since = System.nanoTime();
        while (System.nanoTime() < deadline) {
            MeshMatrix matrix = MeshProbe.probe(nodes);
            if (matrix.reachingPairs() != reported) {
                reported = matrix.reachingPairs();
                say("converging: " + reported + " of " + matrix.pairs() + " node pairs reach each other over their tunnel and by babeld's route");
            }
            if (matrix.converged()) {
                say("full mesh in " + Duration.ofNanos(System.nanoTime() - since).toSeconds() + " s after the approvals");
                return Optional.of(matrix);
            }
            for (DemoNode node : nodes) {
                Optional<Process> agent = node.agent();
                if (agent.isPresent() && !agent.get().isAlive()) {
                    throw new IllegalStateException("the agent of " + node.name() + " exited with " + agent.get().exitValue()
                            + ":\n" + tail(node.agentLog(), 20));
                }
            }
            DemoRegistry.sleep(1000);
        }
        return Optional.empty();
    }

    private void say(String line) {
        out.printf("[%6.1fs] %s%n", (System.nanoTime() - started) / 1e9, line);
        out.flush();
    }

    private static String oneLine(String text) {
        return String.join(" | ", text.strip().lines().toList());
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.exists(file) ? Files.readAllLines(file) : List.of();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")\n";
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
