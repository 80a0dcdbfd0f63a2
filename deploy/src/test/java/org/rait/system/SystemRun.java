package org.rait.system;

import org.rait.demo.DemoNode;
import org.rait.demo.Launchers;
import org.rait.demo.MeshMatrix;
import org.rait.demo.MeshProbe;
import org.rait.demo.Teardown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The steps of a system test: waits with a bound, mesh checks, and one printed line per passed check. */
final class SystemRun {
    private final long started = System.nanoTime();

    /** bin/rait and bin/rait-registry of this checkout, as built by {@code mvn -DskipTests package}. */
    static Launchers launchers() {
        return Launchers.find(Path.of("").toAbsolutePath())
                .orElseThrow(() -> new AssertionError("no bin/rait above " + Path.of("").toAbsolutePath()));
    }

    /** A directory for this run's registries and nodes, removed at the end. */
    static Path baseDirectory(Teardown teardown, String prefix) throws IOException {
        Path base = Files.createTempDirectory(prefix + "-");
        teardown.add("remove " + base, () -> deleteTree(base));
        return base;
    }

    /** Waits until every pair of these nodes pings over its tunnel and babeld routes every node's address. */
    void awaitFullMesh(List<DemoNode> nodes, Duration within, String what) {
        long since = System.nanoTime();
        long deadline = since + within.toNanos();
        MeshMatrix matrix = MeshProbe.probe(nodes);
        while (!matrix.converged() && System.nanoTime() < deadline) {
            sleep(1000);
            matrix = MeshProbe.probe(nodes);
        }
        if (!matrix.converged()) {
            StringBuilder logs = new StringBuilder();
            for (DemoNode node : nodes) logs.append("--- ").append(node.name()).append(" agent log:\n").append(tail(node.agentLog()));
            fail(what + ": no full mesh within " + within.toSeconds() + " s:\n" + matrix.render() + logs);
        }
        passed(String.format("%s: full mesh in %.1f s (every pair pings over its tunnel and babeld routes every node's address)%n%s",
                what, (System.nanoTime() - since) / 1e9, matrix.render().indent(6)));
    }

    static void assertMesh(List<DemoNode> nodes, String when) {
        MeshMatrix matrix = MeshProbe.probe(nodes);
        assertTrue(matrix.converged(), when + ": the mesh is broken:\n" + matrix.render());
    }

    static void awaitTrue(Duration within, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail(what + ": not within " + within.toSeconds() + " s");
            sleep(200);
        }
    }

    void passed(String check) {
        say("CHECK passed: " + check);
    }

    void say(String line) {
        System.out.printf("[%6.1fs] %s%n", (System.nanoTime() - started) / 1e9, line);
        System.out.flush();
    }

    static String tail(Path file) {
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())) + "\n";
        } catch (IOException e) {
            return "(cannot read " + file + ")\n";
        }
    }

    /** What a log gained since an earlier size of it. */
    static String since(Path log, long mark) {
        try {
            return Files.readString(log).substring((int) mark);
        } catch (IOException e) {
            return "";
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
