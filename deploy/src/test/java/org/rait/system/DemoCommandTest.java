package org.rait.system;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rait.demo.Host;
import org.rait.demo.Launchers;
import org.rait.testbed.Testbed;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** README's first command, `bin/rait demo --exit-when-converged`, as a newcomer runs it after the build. */
@Tag("e2e")
class DemoCommandTest {
    @BeforeAll
    static void requireRoot() {
        Testbed.requireRoot("wireguard-go", "babeld", "ping");
    }

    @Test
    void demoEndsZeroWithEveryPairReachableAndLeavesNothingBehind() {
        Launchers launchers = Launchers.find(Path.of("").toAbsolutePath()).orElseThrow();
        Set<String> wireguardGoBefore = wireguardGoPids();

        Host.Result demo = Host.exec(List.of(launchers.rait().toString(), "demo", "--exit-when-converged", "--timeout", "150"), Map.of());
        System.out.print(demo.output().indent(4));

        assertEquals(0, demo.status(), "rait demo --exit-when-converged");
        assertTrue(demo.output().contains("converging: 6 of 6 node pairs reach each other"), "every pair of the three nodes is reachable");
        Matcher run = Pattern.compile("rait demo ([0-9a-f]+):").matcher(demo.output());
        assertTrue(run.find(), "the demo names its run");
        String prefix = "raitdemo-" + run.group(1);
        assertTrue(Host.run("ip", "netns", "list").lines().noneMatch(l -> l.startsWith(prefix)), "no namespace of the demo is left");
        assertTrue(Host.run("sh", "-c", "ls -d /tmp/" + prefix + "-* 2>/dev/null || true").isBlank(), "no file of the demo is left");
        Set<String> leftOver = wireguardGoPids();
        leftOver.removeAll(wireguardGoBefore);
        // other tests on this machine may start wireguard-go meanwhile; the demo's ones have its directory
        // bind-mounted on /run/wireguard, which their mountinfo shows
        for (String pid : leftOver) {
            String mounts = Host.exec("cat", "/proc/" + pid + "/mountinfo").output();
            assertTrue(!mounts.contains(prefix), "wireguard-go " + pid + " of the demo is left");
        }
        System.out.println("CHECK passed: rait demo --exit-when-converged ended 0 with all 6 pairs reachable; no namespace, file or wireguard-go of run "
                + prefix + " is left");
    }

    private static Set<String> wireguardGoPids() {
        return Host.exec("pgrep", "-x", "wireguard-go").output().lines().map(String::strip).filter(l -> !l.isEmpty())
                .collect(Collectors.toCollection(java.util.HashSet::new));
    }
}
