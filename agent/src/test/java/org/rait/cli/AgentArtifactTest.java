package org.rait.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rait.testing.ConsoleRun;
import picocli.CommandLine;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's artifact is what runs on every node: the demo, which starts processes and namespaces, is not in it. */
class AgentArtifactTest {
    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static List<String> demoEntries(Path artifact) throws IOException {
        if (Files.isDirectory(artifact)) {
            Path demo = artifact.resolve("org/rait/demo");
            if (!Files.exists(demo)) return List.of();
            try (Stream<Path> files = Files.walk(demo)) {
                return files.filter(Files::isRegularFile).map(f -> artifact.relativize(f).toString()).toList();
            }
        }
        try (JarFile jar = new JarFile(artifact.toFile())) {
            return jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("org/rait/demo/")).toList();
        }
    }

    @Test
    void theAgentHoldsNoDemoClasses() throws Exception {
        Path agent = codeSource(Main.class);

        assertEquals(List.of(), demoEntries(agent), agent + " holds demo classes");
    }

    /** The jar `mvn package` made from these classes; one older than them is left from an earlier build. */
    @Test
    void thePackagedAgentJarHoldsNoDemoClasses() throws Exception {
        Path classes = codeSource(Main.class);
        Path jar;
        try (Stream<Path> files = Files.list(classes.getParent())) {
            // agent-VERSION.jar, not agent-VERSION-tests.jar
            jar = files.filter(f -> f.getFileName().toString().matches("agent-[0-9][^/]*(?<!-tests)\\.jar")).findFirst()
                    .orElse(classes.resolveSibling("no-agent.jar"));
        }
        Path compiled = classes.resolve(Main.class.getName().replace('.', '/') + ".class");
        boolean current = Files.isRegularFile(jar) && Files.isDirectory(classes)
                && !Files.getLastModifiedTime(jar).toInstant().isBefore(Files.getLastModifiedTime(compiled).toInstant());
        if (!current) System.out.println("SKIPPED: no agent jar made from these classes in " + classes.getParent() + " (mvn package makes it)");
        Assumptions.assumeTrue(current, "no current agent jar");

        assertEquals(List.of(), demoEntries(jar), jar + " holds demo classes");
    }

    @Test
    void raitDemoIsTheDemoModulesCommandWhenTheModuleIsOnTheClassPath() throws Exception {
        Class<?> demo = DemoModule.command();

        assertEquals(DemoModule.COMMAND, demo.getName());
        assertNotEquals(codeSource(Main.class), codeSource(demo));
    }

    @Test
    void withoutTheDemoModuleRaitDemoSaysWhereItComesFromAndExits3() {
        ConsoleRun run = ConsoleRun.capture("", () -> new CommandLine(new DemoModule.Absent()).execute());

        assertEquals(ExitStatus.NOT_BUILT, run.status());
        assertTrue(run.err().startsWith("rait: the demo is not installed here: it comes with the demo module"), run.err());
    }
}
