package org.rait.configfile;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both syntaxes parse within one budget: nesting beyond {@link ParseBudget#MAX_DEPTH} levels and text
 * beyond {@link ParseBudget#MAX_CHARS} are located problems, never a StackOverflowError or an exhausted
 * heap; a fraction where an integer belongs is refused where it stands.
 */
class ParseBudgetPropertiesTest {
    private static final String KEY = "KJJXmDtAXSrMGuIJVy/2eP65gXm1PTy7vCR/4O/vEEI=";

    /** One way of nesting, in one syntax, as text of a given depth. */
    enum Nesting {
        TOML_HEADER {
            String text(int depth) {
                return "[" + "a.".repeat(depth - 1) + "a]\n";
            }
        },
        TOML_ARRAY_OF_TABLES {
            String text(int depth) {
                return "[[" + "a.".repeat(depth - 1) + "a]]\n";
            }
        },
        TOML_DOTTED_KEY {
            String text(int depth) {
                return "a.".repeat(depth - 1) + "a = 1\n";
            }
        },
        TOML_ARRAYS {
            String text(int depth) {
                return "x = " + "[".repeat(depth) + "]".repeat(depth) + "\n";
            }
        },
        TOML_INLINE_TABLES {
            String text(int depth) {
                return "x = " + "{ a = ".repeat(depth) + "1" + " }".repeat(depth) + "\n";
            }
        },
        TOML_MIXED {
            String text(int depth) {
                StringBuilder open = new StringBuilder("x = ");
                StringBuilder close = new StringBuilder();
                for (int i = 0; i < depth; i++) {
                    boolean table = i % 3 == 1;
                    open.append(table ? "{ a = " : "[");
                    close.insert(0, table ? " }" : "]");
                }
                return open + "1" + close + "\n";
            }
        },
        BLOCKS {
            String text(int depth) {
                return "a {\n".repeat(depth) + "}\n".repeat(depth);
            }
        },
        BLOCKS_ON_ONE_LINE {
            String text(int depth) {
                return "transport { " + "a { ".repeat(depth - 1) + "}".repeat(depth) + "\n";
            }
        },
        BLOCK_LISTS {
            String text(int depth) {
                return "transport {\nx = " + "[".repeat(depth) + "]".repeat(depth) + "\n}\n";
            }
        };

        abstract String text(int depth);
    }

    @Property(tries = 600)
    void nestingNeverThrowsAnythingButALocatedConfigProblem(@ForAll Nesting nesting, @ForAll("depths") int depth,
                                                            @ForAll("prefixes") String prefix) {
        String text = prefix + nesting.text(depth);
        for (ConfigException e : parseBoth(text)) {
            assertTrue(!e.problems().isEmpty());
            for (ConfigProblem p : e.problems()) {
                assertTrue(p.line() >= 1 && p.column() >= 1, p.toString());
                assertTrue(p.toString().startsWith("f:" + p.line() + ":" + p.column() + ": "), p.toString());
            }
        }
    }

    @Property(tries = 300)
    void beyondTheBudgetTheProblemSaysSoAndWhere(@ForAll Nesting nesting,
                                                 @ForAll @IntRange(min = ParseBudget.MAX_DEPTH + 2, max = 30_000) int depth) {
        // The block syntax has no lists of lists at all: that refusal comes first.
        String expected = nesting == Nesting.BLOCK_LISTS ? "lists of lists are not supported" : ParseBudget.tooDeep();
        for (ConfigException e : parseBoth(nesting.text(depth))) {
            assertTrue(e.problems().stream().anyMatch(p -> p.message().equals(expected)), e.getMessage());
        }
    }

    @Property(tries = 200)
    void withinTheBudgetNestingIsNoProblemOfItsOwn(@ForAll Nesting nesting,
                                                   @ForAll @IntRange(min = 1, max = 3) int depth) {
        for (ConfigException e : parseBoth(nesting.text(depth))) {
            assertTrue(e.problems().stream().noneMatch(p -> p.message().equals(ParseBudget.tooDeep())), e.getMessage());
        }
    }

    @Property(tries = 50)
    void longStringsAndManyKeysParseOrGiveConfigProblems(@ForAll("sizes") int size, @ForAll boolean toml) {
        String value = "x".repeat(size);
        String text = toml
                ? "name = \"" + value + "\"\n[[peers]]\npublic_key = \"" + KEY + "\"\nname = '" + value + "'\n"
                : "peers {\n public_key = \"" + KEY + "\"\n name = \"" + value + "\"\n}\n";
        try {
            assertEquals(value, ConfigFiles.parsePeers(text, "f").peers().get(0).name());
        } catch (ConfigException e) {
            assertTrue(toml, "the block file is valid: " + e.getMessage());
            assertEquals("f:1:1: name: unknown key", e.problems().get(0).toString());
        }
    }

    @Example
    void aFileBeyondTheSizeBudgetIsOneProblemAtItsStart() {
        String text = "name = \"" + "x".repeat(ParseBudget.MAX_CHARS) + "\"\n";
        for (ConfigException e : parseBoth(text)) {
            assertEquals(List.of("f:1:1: the file is " + text.length() + " characters; at most " + ParseBudget.MAX_CHARS
                    + " are parsed (the parse budget)"), e.problems().stream().map(ConfigProblem::toString).toList());
        }
    }

    @Property(tries = 200)
    void aFractionWhereAnIntegerBelongsIsRefusedAtItsKeyInBothSyntaxes(
            @ForAll("integerKeys") String key, @ForAll("fractions") String fraction) {
        String keys = transportKeys(key, fraction);
        String block = "private_key = \"" + KEY + "\"\ntransport {\n" + keys + "}\n";
        String toml = "private_key = \"" + KEY + "\"\n[[transport]]\n" + keys;
        for (String text : List.of(block, toml)) {
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigFiles.parseRaitConfig(text, "f"), text);
            ConfigProblem p = e.problems().get(0);
            assertEquals("transport." + key + ": must be an integer, got a number with a fraction", p.key() + ": " + p.message());
            assertEquals(text.lines().toList().indexOf("  " + key + " = " + fraction) + 1, p.line(), text);
            assertEquals(3, p.column(), text);
        }
    }

    /** A valid transport's keys, indented, with {@code key} set to {@code value}. */
    private static String transportKeys(String key, String value) {
        StringBuilder out = new StringBuilder("  address_family = \"ip4\"\n  ifprefix = \"r\"\n");
        for (String integer : List.of("send_port", "mtu", "fwmark", "keepalive")) {
            out.append("  ").append(integer).append(" = ").append(integer.equals(key) ? value : integer.equals("mtu") ? "1400" : "1")
                    .append('\n');
        }
        return out.toString();
    }

    /** Parses as rait.conf and as peers.conf; anything but ConfigException fails the property. */
    private static List<ConfigException> parseBoth(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ConfigException asConfig = null;
        ConfigException asPeers = null;
        try {
            ConfigFiles.parseRaitConfig(bytes, "f");
        } catch (ConfigException e) {
            asConfig = e;
        }
        try {
            ConfigFiles.parsePeers(bytes, "f");
        } catch (ConfigException e) {
            asPeers = e;
        }
        return java.util.stream.Stream.of(asConfig, asPeers).filter(java.util.Objects::nonNull).toList();
    }

    @Provide
    Arbitrary<Integer> depths() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 40), Arbitraries.integers().between(40, 30_000));
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.of("", "# comment\n", "private_key = \"" + KEY + "\"\n", "\n\n  ");
    }

    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 100), Arbitraries.integers().between(100_000, 2_000_000));
    }

    @Provide
    Arbitrary<String> integerKeys() {
        return Arbitraries.of("send_port", "mtu", "fwmark", "keepalive");
    }

    @Provide
    Arbitrary<String> fractions() {
        return Combinators.combine(Arbitraries.integers().between(1, 65000), Arbitraries.integers().between(1, 9))
                .as((whole, tenth) -> whole + "." + tenth);
    }
}
