package org.rait.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.keys.X25519;
import org.rait.testbed.Testbed;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one-shot commands (`up`, `list`, `down`) link no lambda or method reference at all, neither rait's, nor
 * picocli's, nor jffi's, nor the JDK's for them (java.util.regex makes its character classes of lambdas), and use no
 * stream: the first lambda of a JVM links the java.lang.invoke bootstrap (LambdaMetafactory, ~50 java.lang.invoke
 * classes more, ASM, a class spun at run time), all interpreted (docs/benchmarks.md, "No lambda on a one-shot's
 * way"). Nor do they make the parts of picocli that picocli-17 makes when first asked for (picocli-17/pom.xml). Each
 * command runs in a JVM of its own with a class-load log, on a node with one peer and an empty target namespace
 * (`--check`: the whole way to the plan, without kernel writes).
 */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneShotLinkingTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    private static final List<List<String>> ONE_SHOTS = List.of(List.of("up", "--check"), List.of("list"), List.of("down", "--check"));

    private Path dir;
    private Path config;
    private final Map<List<String>, List<String>> loaded = new HashMap<>();

    @BeforeAll
    void oneNodeWithOnePeer() throws Exception {
        Testbed.requireRoot("ip");
        String target = bed.namespace("g").name();
        dir = bed.directory("node");
        config = dir.resolve("rait.conf");
        Path peers = dir.resolve("peers.conf");
        Files.writeString(config, String.join("\n",
                "private_key = \"" + X25519.generatePrivateKey().base64() + "\"",
                "peers = \"" + peers + "\"",
                "runtime_dir = \"" + dir.resolve("run") + "\"",
                "transport {", "address_family = \"ip4\"", "send_port = 20000", "ifprefix = \"lk\"", "}",
                "isolation {", "target = \"" + target + "\"", "}",
                ""));
        Files.writeString(peers, String.join("\n",
                "peers {", "public_key = \"" + X25519.publicKey(X25519.generatePrivateKey()).base64() + "\"",
                "endpoint {", "address_family = \"ip4\"", "send_port = 21001", "address = \"10.56.0.1\"", "}", "}", ""));
    }

    @Test
    void upListAndDownLinkNoLambdaNorMethodReferenceAndUseNoStream() throws Exception {
        for (List<String> command : ONE_SHOTS) {
            List<String> forbidden = new ArrayList<>();
            for (String name : classesLoadedBy(command)) {
                boolean spun = name.startsWith("java.lang.invoke.LambdaForm$") && name.contains("/");
                if (name.contains("$$Lambda") || spun || name.equals("java.lang.invoke.LambdaMetafactory")
                        || name.startsWith("java.util.stream.") || name.equals("picocli.CommandLine$RegexTransformer")) {
                    forbidden.add(name);
                }
            }
            assertEquals(List.of(), forbidden, "rait " + String.join(" ", command));
        }
    }

    @Test
    void upListAndDownMakeNeitherPicocliUsageNorItsTableOfConverters() throws Exception {
        // rait's options are Strings, booleans and ints, whose converters picocli-17 makes one at a time.
        Set<String> convertersMadeAlone = Set.of("picocli.CommandLine$BuiltIn$StringConverter",
                "picocli.CommandLine$BuiltIn$BooleanConverter", "picocli.CommandLine$BuiltIn$IntegerConverter");
        for (List<String> command : ONE_SHOTS) {
            List<String> made = new ArrayList<>();
            for (String name : classesLoadedBy(command)) {
                boolean converter = name.startsWith("picocli.CommandLine$BuiltIn") && !convertersMadeAlone.contains(name);
                boolean usage = name.equals("picocli.CommandLine$Help") || name.startsWith("picocli.CommandLine$Help$Ansi")
                        || name.startsWith("picocli.CommandLine$Help$ColorScheme") || name.startsWith("picocli.CommandLine$Model$UsageMessageSpec$");
                if (converter || usage || name.startsWith("java.util.regex.")) made.add(name);
            }
            assertEquals(List.of(), made, "rait " + String.join(" ", command));
        }
    }

    /**
     * The classes the command loads, in order, from a JVM of its own (java.class.path: the module's classes)
     * started as bin/rait starts it: its format locale, and jffi's native stub unpacked once into a directory of its
     * own (by the first command) and loaded from there, as from beside the AppCDS archive (unpacked into a temporary
     * file at every start, it would seed a SecureRandom, whose digest links the JDK's lambdas).
     */
    private List<String> classesLoadedBy(List<String> command) throws Exception {
        if (loaded.containsKey(command)) return loaded.get(command);
        Path log = dir.resolve("classes-" + command.get(0) + ".txt");
        Path stubs = Files.createDirectories(dir.resolve("jffi"));
        String stub = "libjffi-1.2.so";
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.language.format=en", "-Duser.country.format=US", "-Xlog:class+load:file=" + log));
        if (Files.exists(stubs.resolve(stub))) java.add("-Djffi.boot.library.path=" + stubs);
        else java.addAll(List.of("-Djffi.extract.dir=" + stubs, "-Djffi.extract.name=" + stub));
        java.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        java.addAll(command);
        java.addAll(List.of("-c", config.toString()));
        Process run = new ProcessBuilder(java).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output-" + command.get(0) + ".txt").toFile()).start();
        assertTrue(run.waitFor(120, TimeUnit.SECONDS), "rait " + command + " did not end");
        String output = Files.readString(dir.resolve("output-" + command.get(0) + ".txt"), StandardCharsets.UTF_8);
        assertEquals(0, run.exitValue(), "rait " + command + ":\n" + output);
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            // "[0.012s][info][class,load] java.lang.Object source: shared objects file"
            int start = line.indexOf("] ", line.indexOf("class,load"));
            int end = line.indexOf(" source: ");
            if (start >= 0 && end > start) names.add(line.substring(start + 2, end));
        }
        assertTrue(names.contains("org.rait.cli.Main"), command + ": no class-load log");
        loaded.put(command, names);
        return names;
    }
}
