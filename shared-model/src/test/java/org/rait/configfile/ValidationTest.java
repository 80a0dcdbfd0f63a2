package org.rait.configfile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationTest {
    private static final String KEY = "KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI=";

    private static List<ConfigProblem> raitProblems(String text) {
        return assertThrows(ConfigException.class, () -> ConfigFiles.parseRaitConfig(text, "rait.conf")).problems();
    }

    private static List<ConfigProblem> peerProblems(String text) {
        return assertThrows(ConfigException.class, () -> ConfigFiles.parsePeers(text, "peers.conf")).problems();
    }

    private static ConfigProblem only(List<ConfigProblem> problems) {
        assertEquals(1, problems.size(), problems::toString);
        return problems.get(0);
    }

    @Test
    void wrongTypeNamesFileLineColumnAndKey() {
        ConfigProblem p = only(raitProblems("""
                private_key = "%s"
                transport {
                  address_family = "ip4"
                  send_port = "50153"
                }
                """.formatted(KEY)));

        assertEquals("rait.conf:4:3: transport.send_port: must be an integer, got a string", p.toString());
    }

    @Test
    void everyProblemOfAFileIsReportedInFileOrder() {
        List<ConfigProblem> problems = raitProblems("""
                private_key = "%s"
                colour = "blue"
                transport {
                  address_family = "ip5"
                  send_port = 70000
                }
                """.formatted(KEY));

        assertEquals(List.of("rait.conf:2:1: colour: unknown key",
                "rait.conf:4:3: transport.address_family: must be \"ip4\" or \"ip6\", got \"ip5\"",
                "rait.conf:5:3: transport.send_port: must be between 1 and 65535, got 70000"),
                problems.stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void tomlReportsTheSameProblemsAtTheSamePlaces() {
        String block = """
                private_key = "%s"
                transport {
                mtu = 1000
                send_port = true
                }
                """.formatted(KEY);
        String toml = """
                private_key = "%s"
                [[transport]]
                mtu = 1000
                send_port = true
                """.formatted(KEY);

        assertEquals(raitProblems(block), raitProblems(toml));
        assertEquals(3, raitProblems(toml).size());
    }

    @Test
    void missingRequiredKeysAreReportedAtTheirBlock() {
        List<ConfigProblem> problems = raitProblems("""
                transport {
                  mtu = 1420
                }
                """);

        assertEquals(List.of("rait.conf:1:1: private_key: missing (required)",
                "rait.conf:1:1: transport.address_family: missing (required)",
                "rait.conf:1:1: transport.send_port: missing (required)"),
                problems.stream().map(ConfigProblem::toString).toList());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "mtu | 1279 | must be between 1280 and 65535, got 1279",
            "mtu | 65536 | must be between 1280 and 65535, got 65536",
            "fwmark | -1 | must be between 0 and 4294967295, got -1",
            "fwmark | 4294967296 | must be between 0 and 4294967295, got 4294967296",
            "keepalive | 65536 | must be between 0 and 65535, got 65536",
            "ifprefix | \"abcdefghijk\" | is 11 bytes; with up to 5 port digits an interface name must fit in 15 bytes, so at most 10",
            "ifprefix | \"rait/x\" | may only hold letters, digits, '_', '.' and '-' (it becomes part of interface names)",
            "ifprefix | \"\" | must not be empty",
            "random_port | 1 | must be true or false, got an integer",
            "address | 1 | must be a string, got an integer",
    })
    void transportValuesOutOfRangeAreRejected(String key, String value, String message) {
        ConfigProblem p = only(raitProblems("""
                private_key = "%s"
                transport {
                  address_family = "ip4"
                  send_port = 50153
                  %s = %s
                }
                """.formatted(KEY, key, value)));

        assertEquals(new ConfigProblem("rait.conf", 5, 3, "transport." + key, message), p);
    }

    @ParameterizedTest(name = "send_port = {0}")
    @CsvSource({"0", "65536"})
    void sendPortOutside16BitsIsRejected(String value) {
        ConfigProblem p = only(raitProblems("private_key = \"" + KEY + "\"\ntransport {\n  address_family = \"ip4\"\n"
                + "  send_port = " + value + "\n}\n"));

        assertEquals("rait.conf:4:3: transport.send_port: must be between 1 and 65535, got " + value, p.toString());
    }

    @Test
    void aValueGivenTwiceIsRejectedAtTheSecond() {
        ConfigProblem p = only(raitProblems("private_key = \"" + KEY + "\"\ntransport {\n  address_family = \"ip4\"\n"
                + "  send_port = 1\n  send_port = 2\n}\n"));

        assertEquals("rait.conf:5:3: transport.send_port: given more than once (first at 4:3)", p.toString());
    }

    @ParameterizedTest(name = "ifgroup = {0}")
    @CsvSource({"-1", "4294967296"})
    void ifgroupOutsideUnsigned32BitsIsRejected(String value) {
        ConfigProblem p = only(raitProblems("private_key = \"" + KEY + "\"\nisolation {\n  ifgroup = " + value + "\n}\n"));

        assertEquals("isolation.ifgroup", p.key());
        assertEquals(3, p.line());
    }

    @Test
    void privateKeyMustBe32BytesOfBase64WithoutEchoingIt() {
        ConfigProblem p = only(raitProblems("private_key = \"c2hvcnQ=\"\n"));

        assertEquals("private_key", p.key());
        assertTrue(p.message().contains("decodes to 5 bytes"), p.message());
        assertTrue(!p.message().contains("c2hvcnQ="), p.message());
    }

    @Test
    void twoTransportsOfOneFamilyAreRejectedAtTheSecond() {
        ConfigProblem p = only(raitProblems("""
                private_key = "%s"
                transport {
                  address_family = "ip6"
                  send_port = 1
                }
                transport {
                  address_family = "ip6"
                  send_port = 2
                }
                """.formatted(KEY)));

        assertEquals("rait.conf:7:3: transport.address_family: a second ip6 transport (the first is at 2:1); "
                + "one transport per family", p.toString());
    }

    @Test
    void aBlockWhereAValueBelongsIsAWrongType() {
        ConfigProblem p = only(raitProblems("private_key = \"" + KEY + "\"\npeers {\n  public_key = \"x\"\n}\n"));

        assertEquals("rait.conf:2:1: peers: must be a string, got a block", p.toString());
    }

    @Test
    void aKeyUsedAsBothBlockAndValueIsRejected() {
        List<ConfigProblem> problems = raitProblems("private_key = \"" + KEY + "\"\nbabeld {\n}\nbabeld = 1\n"
                + "private_key {\n}\n");

        assertEquals(List.of("rait.conf:4:1: babeld: is a value here but a block (first at 2:1)",
                "rait.conf:5:1: private_key: is a block here but a value at 1:1"),
                problems.stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void vrfIsolationNeedsATable() {
        ConfigProblem p = only(raitProblems("private_key = \"" + KEY + "\"\nisolation {\n  type = \"vrf\"\n}\n"));

        assertEquals("rait.conf:2:1: isolation.vrf_table: missing (required)", p.toString());
    }

    @Test
    void vrfIsolationHasNoTransit() {
        ConfigProblem p = only(raitProblems("private_key = \"" + KEY + "\"\nisolation {\n  type = \"vrf\"\n"
                + "  vrf_table = 54\n  transit = \"underlay\"\n}\n"));

        assertTrue(p.toString().startsWith("rait.conf:5:3: isolation.transit: must be \"\" with type = \"vrf\""),
                p::toString);
    }

    @Test
    void aBlockThatMayAppearOnceIsRejectedWhenRepeated() {
        ConfigProblem p = only(raitProblems("private_key = \"" + KEY + "\"\nbabeld {\n}\nbabeld {\n}\n"));

        assertEquals("rait.conf:4:1: babeld: block given more than once (first at 2:1)", p.toString());
    }

    @Test
    void theSameSendPortTwiceInOnePeersFamilyIsRejected() {
        ConfigProblem p = only(peerProblems("""
                peers {
                  public_key = "%s"
                  endpoint {
                    address_family = "ip4"
                    send_port = 50180
                  }
                  endpoint {
                    address_family = "ip6"
                    send_port = 50180
                  }
                  endpoint {
                    address_family = "ip4"
                    send_port = 50180
                  }
                }
                """.formatted(KEY)));

        assertEquals("peers.conf:13:5: peers.endpoint.send_port: send_port 50180 already used by this peer's ip4 "
                + "endpoint at 3:3", p.toString());
    }

    @Test
    void aPeersFileReportsTheProblemsOfEveryPeer() {
        List<ConfigProblem> problems = peerProblems("""
                peers {
                  public_key = "not a key"
                }
                peers {
                  name = 7
                  public_key = "%s"
                  endpoint {
                    address_family = "ip4"
                  }
                }
                """.formatted(KEY));

        assertEquals(List.of("peers.conf:2:3: peers.public_key: not a WireGuard key (32 bytes of base64): not valid base64",
                "peers.conf:5:3: peers.name: must be a string, got an integer",
                "peers.conf:7:3: peers.endpoint.send_port: missing (required)"),
                problems.stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void anUnterminatedStringIsASyntaxErrorWhereTheStringStarts() {
        ConfigProblem p = only(raitProblems("transport {\n  address = \"1.1.1.1\n}\n"));

        assertEquals("rait.conf:2:13: unterminated string", p.toString());
    }

    @Test
    void aMissingBraceIsASyntaxErrorNamingTheOpenBlock() {
        ConfigProblem p = only(raitProblems("private_key = \"" + KEY + "\"\ntransport {\n  mtu = 1420\n"));

        assertEquals("rait.conf:4:1: missing '}' to close the block opened at 2:1", p.toString());
    }

    @Test
    void everySyntaxErrorIsReportedNotOnlyTheFirst() {
        List<ConfigProblem> problems = raitProblems("""
                private_key = "%s
                transport {
                  mtu 1420
                  address = "1.1.1.1"
                  ifprefix = rait4x
                }
                peers = "/etc/rait/peers.conf" }
                """.formatted(KEY));

        assertEquals(List.of("rait.conf:1:15: unterminated string",
                "rait.conf:3:7: expected '=' or '{' after \"mtu\", found '1420'",
                "rait.conf:5:14: expected a value, found \"rait4x\" (strings need double quotes)",
                "rait.conf:7:32: '}' without a block to close"),
                problems.stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void garbageStopsAfterFiftyProblemsInBothSyntaxes() {
        List<ConfigProblem> block = raitProblems("transport {\n" + "@\n".repeat(500) + "}\n");
        List<ConfigProblem> toml = raitProblems("@\n".repeat(500));

        assertEquals(Problems.MAX + 1, block.size());
        assertEquals("rait.conf:52:1: too many problems; stopped here", block.get(Problems.MAX).toString());
        assertEquals(Problems.MAX + 1, toml.size());
    }

    @Test
    void tomlSyntaxErrorsCarryTheirPosition() {
        ConfigProblem p = only(raitProblems("[isolation]\nifgroup = = 5\n"));

        assertEquals(2, p.line());
        assertEquals("", p.key());
    }

    @Test
    void tomlProblemsInsideArraysOfTablesPointAtTheirKeys() {
        List<ConfigProblem> problems = peerProblems("""
                [[peers]]
                public_key = "%s"

                [[peers.endpoint]]
                address_family = "ip4"
                send_port = 1980-01-01

                [[peers.endpoint]]
                address_family = "ip4"
                send_port = 50180
                adress = "1.1.1.1"
                """.formatted(KEY));

        assertEquals(List.of("peers.conf:6:1: peers.endpoint.send_port: must be an integer, got a date or time",
                "peers.conf:11:1: peers.endpoint.adress: unknown key"),
                problems.stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void tomlInlineTablesAndAByteOrderMarkAreAccepted() throws Exception {
        var config = ConfigFiles.parseRaitConfig("\uFEFF" + """
                private_key = "%s"
                isolation = { ifgroup = 7, target = "raitns" }
                [[transport]]
                address_family = "ip4"
                send_port = 1
                """.formatted(KEY), "rait.toml");

        assertEquals(7, config.isolation().ifgroup());
        assertEquals("raitns", config.isolation().target());
        assertEquals(1, config.transports().size());
    }

    @Test
    void anUnfinishedUnicodeEscapeInATableNameIsALocatedProblem() {
        ConfigProblem p = only(raitProblems("[\"\\u"));

        assertEquals("rait.conf:1:3: unfinished unicode escape", p.toString());
    }

    @Test
    void bytesThatAreNotUtf8AreAConfigProblem() {
        byte[] bytes = {'a', ' ', '=', ' ', (byte) 0xC3, (byte) 0x28};

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFiles.parsePeers(bytes, "peers.conf"));

        assertEquals("peers.conf:1:1: not UTF-8 text", only(e.problems()).toString());
    }

    @Test
    void blockSyntaxAcceptsListsOfStringsForTrustedKeys() throws Exception {
        var config = ConfigFiles.parseRaitConfig("""
                private_key = "%s"
                agent {
                  trusted_keys = ["RWa", "RWb",]
                  max_removal_share = 0.25
                }
                """.formatted(KEY), "rait.conf");

        assertEquals(List.of("RWa", "RWb"), config.agent().trustedKeys());
        assertEquals(0.25, config.agent().maxRemovalShare());
    }

    @Test
    void agentBlockTakesTheRegistryTlsPin() throws Exception {
        String pin = "sha256/" + "A".repeat(43) + "=";
        var config = ConfigFiles.parseRaitConfig("""
                private_key = "%s"
                agent {
                  tls_pin = "%s"
                }
                """.formatted(KEY, pin), "rait.conf");

        assertEquals(pin, config.agent().tlsPin());
    }

    @Test
    void aTlsPinThatIsNotSha256OfAKeyIsAProblemAtItsLine() {
        ConfigProblem p = only(raitProblems("""
                private_key = "%s"
                agent {
                  tls_pin = "md5/abc"
                }
                """.formatted(KEY)));

        assertTrue(p.toString().startsWith("rait.conf:3:3: agent.tls_pin: "), p::toString);
    }
}
