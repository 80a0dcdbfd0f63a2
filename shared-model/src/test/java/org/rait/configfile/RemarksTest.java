package org.rait.configfile;

import org.junit.jupiter.api.Test;
import org.rait.config.RaitConfig;
import org.rait.config.Remarks;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** RAIT v3's free-form `remarks` block: any key and value is kept, nothing in it is validated. */
class RemarksTest {
    private static final String KEY = "KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI=";

    private static String seedWith(String extra) throws Exception {
        return new String(SeedFilesTest.seed("rait.conf"), StandardCharsets.UTF_8) + extra;
    }

    @Test
    void theSeedConfigWithARemarksBlockKeepsEveryValueAsWritten() throws Exception {
        RaitConfig config = ConfigFiles.parseRaitConfig(seedWith("""
                remarks {
                  owner = "alice"
                  asn = 4242420001
                  weight = 0.5
                  public = true
                  prefixes = ["fd00::/8", "10.0.0.0/8"]
                  contact {
                    mail = "alice@example.org"
                  }
                }
                """), "rait.conf");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("owner", "alice");
        expected.put("asn", 4242420001L);
        expected.put("weight", 0.5);
        expected.put("public", true);
        expected.put("prefixes", List.of("fd00::/8", "10.0.0.0/8"));
        expected.put("contact", new Remarks(Map.of("mail", "alice@example.org")));
        assertEquals(new Remarks(expected), config.remarks());
        assertEquals(Optional.of("alice@example.org"), config.remarks().get("contact.mail"));
    }

    @Test
    void theTomlRemarksTableGivesTheSameModelAsTheBlock() throws Exception {
        RaitConfig toml = ConfigFiles.parseRaitConfig("""
                private_key = "%s"
                [remarks]
                owner = "alice"
                asn = 4242420001
                [remarks.contact]
                mail = "alice@example.org"
                """.formatted(KEY), "rait.toml");
        RaitConfig block = ConfigFiles.parseRaitConfig("""
                private_key = "%s"
                remarks {
                  owner = "alice"
                  asn = 4242420001
                  contact {
                    mail = "alice@example.org"
                  }
                }
                """.formatted(KEY), "rait.conf");

        assertEquals(block, toml);
    }

    @Test
    void bothRenderersWriteTheRemarksBack() throws Exception {
        RaitConfig config = ConfigFiles.parseRaitConfig(seedWith("""
                remarks {
                  owner = "alice"
                  site { name = "a" }
                  site { name = "b" }
                }
                """), "rait.conf");

        for (Syntax syntax : Syntax.values()) {
            String rendered = ConfigFiles.render(config, syntax);
            assertEquals(config, ConfigFiles.parseRaitConfig(rendered, syntax.name()), rendered);
        }
        assertEquals("""
                remarks {
                  owner = "alice"
                  site {
                    name = "a"
                  }
                  site {
                    name = "b"
                  }
                }
                """, ConfigFiles.render(config, Syntax.BLOCK).replaceFirst("(?s).*?(?=remarks \\{)", ""));
    }

    @Test
    void aMissingKeyIsEmptyAndAConfigWithoutRemarksHasNone() throws Exception {
        RaitConfig config = ConfigFiles.parseRaitConfig(SeedFilesTest.seed("rait.conf"), "rait.conf");

        assertEquals(Remarks.NONE, config.remarks());
        assertEquals(Optional.empty(), config.remarks().get("owner"));
    }

    @Test
    void aDatedTomlRemarkIsKeptAsItsText() throws Exception {
        RaitConfig config = ConfigFiles.parseRaitConfig("""
                private_key = "%s"
                [remarks]
                since = 2020-01-31
                """.formatted(KEY), "rait.toml");

        assertEquals(Optional.of("2020-01-31"), config.remarks().get("since"));
    }

    @Test
    void tomlShapesTheBlockSyntaxCannotWriteAreNamedWithTheirPlace() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFiles.parseRaitConfig("""
                private_key = "%s"
                [remarks]
                "two words" = 1
                matrix = [[1, 2], [3]]
                """.formatted(KEY), "rait.toml"));

        assertEquals(List.of(
                "rait.toml:3:1: remarks.two words: a remarks key is a name (letters, digits, '_' and '-', starting"
                        + " with a letter or '_'): the block syntax cannot write this one",
                "rait.toml:4:11: remarks.matrix: a list of lists, or of blocks and values mixed, cannot be kept:"
                        + " the block syntax has no way to write it"),
                e.problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void remarksThatAreNotABlockAreAProblemLikeAnyOtherKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFiles.parseRaitConfig("""
                private_key = "%s"
                remarks = "owner alice"
                """.formatted(KEY), "rait.conf"));

        assertEquals("rait.conf:2:1: remarks: must be a block, got a string", e.problems().get(0).toString());
    }
}
