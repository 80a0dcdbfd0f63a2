package org.rait.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rait.testbed.BabeldDaemon;
import org.rait.testbed.Netns;
import org.rait.testbed.Testbed;
import org.rait.testing.ConsoleRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `rait babeld list` and `rait babeld sync` against a real babeld 1.12 running in the isolation's
 * target namespace, where veth links in the ifgroup stand in for rait's tunnels.
 */
@Tag("root")
class BabeldCommandRootTest {
    @RegisterExtension
    static final Testbed bed = new Testbed();

    /** A throwaway key for the test configuration; it protects nothing. */
    private static final String TEST_KEY = "IDpAsBoxAoS/iQR898ppm/jx+1s6VUCE/eT56acCC3g=";

    @BeforeAll
    static void needsRoot() {
        Testbed.requireRoot("ip", "babeld", "bash");
    }


    private static ConsoleRun rait(String... args) {
        return ConsoleRun.capture("", () -> Main.run(args));
    }

    /** A target namespace with two tunnels in ifgroup 54, one link outside it, and a peer namespace. */
    private static Netns targetWithTunnels(String shortName) {
        Netns target = bed.namespace(shortName);
        Netns far = bed.namespace(shortName + "far");
        for (String name : List.of("rait6x1001", "rait6x1002", "eth9")) {
            bed.veth(target, name, null, far, name, null);
        }
        target.sh("ip link set rait6x1001 group 54 && ip link set rait6x1002 group 54");
        return target;
    }

    private static Path raitConf(Netns target, String socketType, String socketAddr) throws IOException {
        Path conf = bed.directory("conf").resolve("rait.conf");
        Files.writeString(conf, """
                private_key = "%s"
                transport {
                  address_family = "ip6"
                  send_port = 50154
                  ifprefix = "rait6x"
                }
                isolation {
                  ifgroup = 54
                  target = "%s"
                }
                babeld {
                  socket_type = "%s"
                  socket_addr = "%s"
                  extra_cmd = "interface host type wireless"
                }
                """.formatted(TEST_KEY, target.name(), socketType, socketAddr));
        return conf;
    }

    @Test
    void syncAddsTheTunnelsAndListShowsThem() throws IOException {
        Netns target = targetWithTunnels("cli1");
        BabeldDaemon babeld = BabeldDaemon.start(bed, target, "redistribute local deny\n");
        Path conf = raitConf(target, "unix", babeld.socket().toString());

        ConsoleRun sync = rait("babeld", "sync", "-c", conf.toString());
        ConsoleRun list = rait("babeld", "list", "-c", conf.toString());

        assertEquals(ExitStatus.OK, sync.status(), sync.err() + babeld.log());
        assertEquals("""
                event=babeld action=add interface=rait6x1001 result=ok
                event=babeld action=add interface=rait6x1002 result=ok
                event=babeld action=extra command="interface host type wireless" result=ok
                babeld=synced added=2 flushed=0 failed=0
                """, sync.out());
        assertEquals(ExitStatus.OK, list.status(), list.err());
        List<String> names = list.out().lines().map(line -> line.split("\t")[0]).toList();
        assertEquals(List.of(BabeldDaemon.PLACEHOLDER, "rait6x1001", "rait6x1002", "host"), names);
    }

    @Test
    void listWithJsonGivesNameUpAndIpv6OfEachInterface() throws IOException {
        Netns target = targetWithTunnels("cli6");
        BabeldDaemon babeld = BabeldDaemon.start(bed, target, "redistribute local deny\n");
        Path conf = raitConf(target, "unix", babeld.socket().toString());
        rait("babeld", "sync", "-c", conf.toString());

        ConsoleRun list = rait("babeld", "list", "--json", "-c", conf.toString());

        assertEquals(ExitStatus.OK, list.status(), list.err());
        com.fasterxml.jackson.databind.JsonNode interfaces = new com.fasterxml.jackson.databind.ObjectMapper().readTree(list.out());
        assertEquals(4, interfaces.size(), list.out());
        assertEquals("rait6x1001", interfaces.get(1).get("name").asText(), list.out());
        assertTrue(interfaces.get(1).get("up").isBoolean(), list.out());
        assertTrue(interfaces.get(1).has("ipv6"), list.out());
    }

    @Test
    void secondSyncAddsAndFlushesNothing() throws IOException {
        Netns target = targetWithTunnels("cli2");
        BabeldDaemon babeld = BabeldDaemon.start(bed, target, "redistribute local deny\n");
        Path conf = raitConf(target, "unix", babeld.socket().toString());
        rait("babeld", "sync", "-c", conf.toString());

        ConsoleRun second = rait("babeld", "sync", "-c", conf.toString());

        assertEquals(ExitStatus.OK, second.status(), second.err());
        assertEquals("""
                event=babeld action=extra command="interface host type wireless" result=ok
                babeld=synced added=0 flushed=0 failed=0
                """, second.out());
    }

    @Test
    void tunnelRemovedSinceTheLastSyncIsFlushedAndForeignInterfacesStay() throws IOException {
        Netns target = targetWithTunnels("cli3");
        BabeldDaemon babeld = BabeldDaemon.start(bed, target, "interface eth9 type wired\nredistribute local deny\n");
        Path conf = raitConf(target, "unix", babeld.socket().toString());
        rait("babeld", "sync", "-c", conf.toString());
        target.sh("ip link del rait6x1002");

        ConsoleRun sync = rait("babeld", "sync", "-c", conf.toString());
        ConsoleRun list = rait("babeld", "list", "-c", conf.toString());

        assertEquals(ExitStatus.OK, sync.status(), sync.err());
        assertTrue(sync.out().contains("event=babeld action=flush interface=rait6x1002 result=ok\n"), sync.out());
        assertTrue(sync.out().endsWith("babeld=synced added=0 flushed=1 failed=0\n"), sync.out());
        List<String> names = list.out().lines().map(line -> line.split("\t")[0]).sorted().toList();
        assertEquals(List.of("eth9", "host", BabeldDaemon.PLACEHOLDER, "rait6x1001"), names);
    }

    @Test
    void tcpControlSocketIsReachedInsideTheTargetNamespace() throws IOException {
        Netns target = targetWithTunnels("cli4");
        BabeldDaemon.start(bed, target, "redistribute local deny\n", 33123);
        Path conf = raitConf(target, "tcp", "33123");

        ConsoleRun sync = rait("babeld", "sync", "-c", conf.toString());

        assertEquals(ExitStatus.OK, sync.status(), sync.err());
        assertTrue(sync.out().endsWith("babeld=synced added=2 flushed=0 failed=0\n"), sync.out());
    }

    @Test
    void absentControlSocketIsNamedAndFailsTheCommand() throws IOException {
        Netns target = targetWithTunnels("cli5");
        Path socket = bed.directory("nobabeld").resolve("babeld.ctl");
        Path conf = raitConf(target, "unix", socket.toString());

        ConsoleRun list = rait("babeld", "list", "-c", conf.toString());
        ConsoleRun sync = rait("babeld", "sync", "-c", conf.toString());

        String expected = "rait: babeld control socket unix:" + socket + " does not exist: is babeld running with -G "
                + socket + "?\n";
        assertEquals(ExitStatus.FAILED, list.status());
        assertEquals(expected, list.err());
        assertEquals(ExitStatus.FAILED, sync.status());
        assertEquals(expected, sync.err());
    }
}
