package org.rait.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rait.testbed.KernelFeatures;
import org.rait.testbed.Testbed;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/rait-cds-archive on a node with kernel WireGuard, as the .deb's postinst runs it: the recording
 * runs the one-shot commands on a throwaway kernel node, leaves no namespace or tunnel behind, and
 * bin/rait maps the archive it wrote. Runs on an installed layout (bin/, lib/rait/*.jar) made from
 * this JVM's class path, since the checkout is read-only in the VM.
 */
@Tag("vm")
class ArchiveRecordingVmTest {
    @TempDir
    static Path installed;

    @BeforeAll
    static void kernelWireGuardAndAnInstalledTree() throws IOException {
        KernelFeatures.requireLinkKinds("wireguard");
        Testbed.requireRoot("ip", "java");
        Path bin = Files.createDirectories(installed.resolve("bin"));
        for (String script : List.of("rait", "rait-cds-archive")) {
            Path copy = Files.copy(Path.of("..", "bin", script), bin.resolve(script));
            assertTrue(copy.toFile().setExecutable(true));
        }
        Path lib = Files.createDirectories(installed.resolve("lib/rait"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (path.toString().contains("junit-platform-console") || path.endsWith("test-classes")) continue;
            if (Files.isDirectory(path)) {
                // a reactor module's target/classes: the installed tree has its jar
                jar(path, lib.resolve(path.getParent().getParent().getFileName() + ".jar"));
            } else if (entry.endsWith(".jar")) {
                Files.createSymbolicLink(lib.resolve(path.getFileName()), path);
            }
        }
    }

    /** The class path's jars are linked into the tree: the links go, what they point at stays. */
    @AfterAll
    static void removeTheLinks() throws IOException {
        Path lib = installed.resolve("lib/rait");
        if (!Files.isDirectory(lib)) return;    // skipped before the tree was made
        try (Stream<Path> files = Files.list(lib)) {
            for (Path link : (Iterable<Path>) files.filter(Files::isSymbolicLink)::iterator) Files.delete(link);
        }
    }

    @Test
    void theRecordingRunsTheOneShotsOnAKernelTunnelLeavesNothingBehindAndTheArchiveIsMapped() throws Exception {
        Run recording = run(List.of(installed.resolve("bin/rait-cds-archive").toString()), List.of());

        assertEquals(0, recording.status, recording.output);
        assertTrue(recording.output.contains("recorded cold up, no-op up, up --check, list, down on two kernel tunnels"), recording.output);
        assertTrue(Files.size(installed.resolve("lib/rait/cds/rait.jsa")) > 0);
        assertFalse(run(List.of("ip", "netns", "list"), List.of()).output.contains("rait-cds-"), "a recording namespace is left");
        assertFalse(run(List.of("ip", "-o", "link", "show"), List.of()).output.contains("cdstrain"), "a recording tunnel is left");

        Run version = run(List.of(installed.resolve("bin/rait").toString(), "--version"), List.of("JAVA_TOOL_OPTIONS=-Xlog:class+load"));
        assertTrue(version.output.matches("(?s).*\\sorg\\.rait\\.cli\\.Main source: shared objects file \\(top\\).*"),
                "bin/rait maps the archive the recording wrote:\n" + version.output.lines().filter(l -> l.contains("org.rait.cli.Main")).toList());
    }

    private record Run(int status, String output) {
    }

    private static Run run(List<String> command, List<String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        for (String variable : environment) {
            String[] pair = variable.split("=", 2);
            builder.environment().put(pair[0], pair[1]);
        }
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(15, TimeUnit.MINUTES), "finished: " + command);
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }
}
