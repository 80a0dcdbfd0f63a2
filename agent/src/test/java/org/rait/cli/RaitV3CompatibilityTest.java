package org.rait.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rait.config.Transport;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RAIT v3.2.3's files and command lines work as its users wrote them. */
class RaitV3CompatibilityTest {
    private static final String REMARKS = """
            remarks {
              owner = "alice"
              asn = 4242420001
              prefixes = ["fd00::/8", "10.0.0.0/8"]
              contact {
                mail = "alice@example.org"
              }
            }
            """;

    @TempDir
    Path dir;

    /** The seed's rait.conf and peers.conf (peers and target moved into the test's directory), plus remarks. */
    private String seedConfigWithRemarks() throws Exception {
        Path peers = dir.resolve("peers.conf");
        Files.copy(Path.of(getClass().getResource("/seed/peers.conf").toURI()), peers);
        String seed = Files.readString(Path.of(getClass().getResource("/seed/rait.conf").toURI()));
        Path config = dir.resolve("rait.conf");
        Files.writeString(config, seed.replace("\"/etc/rait/peers.conf\"", "\"" + peers + "\"")
                .replace("target = \"raitns\"", "target = \"raitt-v3-" + ProcessHandle.current().pid() + "\"") + REMARKS);
        return config.toString();
    }

    @ParameterizedTest(name = "rait {0} is rait {1}")
    @CsvSource({"u, up", "sync, up", "d, down", "l, list", "p, pub", "b, babeld", "r, remarks"})
    void everyRaitV3AliasIsTheSameSubcommand(String alias, String command) {
        Map<String, CommandLine> commands = Main.commandLine().getSubcommands();

        assertSame(commands.get(command), commands.get(alias));
    }

    @ParameterizedTest(name = "rait b {0} is rait babeld {1}")
    @CsvSource({"l, list", "s, sync"})
    void babeldSubcommandsHaveTheirRaitV3Aliases(String alias, String command) {
        Map<String, CommandLine> babeld = Main.commandLine().getSubcommands().get("b").getSubcommands();

        assertSame(babeld.get(command), babeld.get(alias));
    }

    @Test
    void pubOfTheSeedConfigWithRemarksWorks() throws Exception {
        String config = seedConfigWithRemarks();

        CliRun run = CliRun.run("", "p", "-c", config, "-");

        assertEquals(ExitStatus.OK, run.status(), run.err());
        assertEquals(CliRun.run("", "pub", "-c", config, "-").out(), run.out());
        assertTrue(run.out().startsWith("peers {\n  public_key = "), run.out());
    }

    @Test
    void remarksPrintsTheValueOfAKey() throws Exception {
        String config = seedConfigWithRemarks();

        assertEquals(new CliRun(0, "alice\n", ""), CliRun.run("", "remarks", "-c", config, "owner"));
        assertEquals(new CliRun(0, "alice\n", ""), CliRun.run("", "r", "-c", config, "owner"));
        assertEquals(new CliRun(0, "4242420001\n", ""), CliRun.run("", "r", "-c", config, "asn"));
        assertEquals(new CliRun(0, "alice@example.org\n", ""), CliRun.run("", "r", "-c", config, "contact.mail"));
    }

    @Test
    void remarksPrintsAListOneItemALineAndABlockInTheBlockSyntax() throws Exception {
        String config = seedConfigWithRemarks();

        assertEquals("fd00::/8\n10.0.0.0/8\n", CliRun.run("", "r", "-c", config, "prefixes").out());
        assertEquals("contact {\n  mail = \"alice@example.org\"\n}\n", CliRun.run("", "r", "-c", config, "contact").out());
        assertEquals(REMARKS.lines().skip(1).limit(REMARKS.lines().count() - 2).map(l -> l.substring(2) + "\n")
                .reduce("", String::concat), CliRun.run("", "r", "-c", config).out());
    }

    @Test
    void anAbsentRemarkPrintsNothingAndExitsZero() throws Exception {
        assertEquals(new CliRun(0, "", ""), CliRun.run("", "remarks", "-c", seedConfigWithRemarks(), "nobody"));
    }

    @Test
    void optionsGoBeforeTheCommandAsRaitTookThem() throws Exception {
        String config = seedConfigWithRemarks();

        assertEquals(new CliRun(0, "alice\n", ""), CliRun.run("", "-c", config, "r", "owner"));
        assertEquals(CliRun.run("", "p", "-c", config, "-"), CliRun.run("", "-c", config, "-d", "p", "-"));
    }

    @Test
    void upCheckThroughItsAliasesWithDebugBeforeOrAfterTheCommand() throws Exception {
        String config = seedConfigWithRemarks();

        CliRun before = CliRun.run("", "-d", "-c", config, "u", "--check", "--dns-timeout", "2");
        CliRun after = CliRun.run("", "sync", "-c", config, "--check", "-d", "--dns-timeout", "2");

        assertEquals(ExitStatus.OK, before.status(), before.err());
        assertTrue(before.out().strip().endsWith("ok=3 changed=3 failed=0 removed=0"), before.out());
        assertEquals(before.out(), after.out());
        assertTrue(withoutTime(before.err()).stream().anyMatch(l -> l.startsWith("level=debug event=writes")), before.err());
        assertEquals(withoutTime(before.err()), withoutTime(after.err()));
        assertEquals(withoutTime(before.err()),
                withoutTime(CliRun.run("", "up", "-c", config, "--check", "--debug", "--dns-timeout", "2").err()));
    }

    @Test
    void downAndListRunThroughTheirAliases() throws Exception {
        String config = seedConfigWithRemarks();

        CliRun down = CliRun.run("", "d", "-c", config, "--check");
        CliRun list = CliRun.run("", "l", "-c", config);

        assertEquals(CliRun.run("", "down", "-c", config, "--check"), down);
        assertEquals(CliRun.run("", "list", "-c", config), list);
        assertEquals(ExitStatus.OK, down.status(), down.err());
        assertTrue(down.out().strip().endsWith("removed=0"), down.out());
    }

    @Test
    void babeldListThroughBLIsTheBabeldListCommand() throws Exception {
        Path config = dir.resolve("no-babeld.conf");
        Files.writeString(config, "private_key = \"KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI=\"\n");

        CliRun run = CliRun.run("", "b", "l", "-c", config.toString());

        assertEquals(ExitStatus.USAGE, run.status());
        assertEquals(CliRun.run("", "babeld", "list", "-c", config.toString()).err(), run.err());
        assertTrue(run.err().contains("has no babeld block"), run.err());
    }

    @Test
    void bindIsAcceptedAndAnsweredWithTheBindAddrNotice() throws Exception {
        String config = seedConfigWithRemarks();
        String notice = "level=warn event=bind_addr_ignored option=--bind reason=\"" + Transport.BIND_NOTICE + "\"";

        CliRun before = CliRun.run("", "-b", "-c", config, "p", "-");
        CliRun after = CliRun.run("", "p", "--bind", "-c", config, "-");

        assertEquals(ExitStatus.OK, before.status(), before.err());
        assertEquals(CliRun.run("", "p", "-c", config, "-").out(), before.out());
        assertEquals(List.of(notice), withoutTime(before.err()));
        assertEquals(before.out(), after.out());
        assertEquals(List.of(notice), withoutTime(after.err()));
    }

    private static List<String> withoutTime(String log) {
        return log.lines().map(l -> l.replaceFirst("^time=\\S+ ", "")).toList();
    }
}
