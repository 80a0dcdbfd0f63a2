package org.rait.configfile;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.rait.config.RaitConfig;
import org.rait.peers.PeerList;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One binder for both syntaxes: the same mistake gives the same keys and messages in either. */
class SameProblemsPropertiesTest {
    /** Every integer value becomes a string: each one is a wrong type. */
    private static final Pattern INTEGER_VALUE = Pattern.compile("(?m)^(\\s*[a-z_]+ = )(-?\\d+)$");

    @Property(tries = 100)
    void wrongTypesInARaitConfigAreReportedAlike(@ForAll("raitConfigs") RaitConfig config) {
        assertSameProblems(syntax -> ConfigFiles.render(config, syntax), ConfigFiles::parseRaitConfig);
    }

    @Property(tries = 100)
    void wrongTypesInAPeerListAreReportedAlike(@ForAll("peerLists") PeerList peers) {
        assertSameProblems(syntax -> ConfigFiles.render(peers, syntax), ConfigFiles::parsePeers);
    }

    private interface Parser {
        Object parse(String text, String source) throws ConfigException;
    }

    private static void assertSameProblems(Function<Syntax, String> render, Parser parser) {
        Assume.that(INTEGER_VALUE.matcher(render.apply(Syntax.BLOCK)).find());
        String block = quoteIntegers(render.apply(Syntax.BLOCK));
        String toml = quoteIntegers(render.apply(Syntax.TOML));
        List<String> blockProblems = keysAndMessages(() -> parser.parse(block, "f"));
        List<String> tomlProblems = keysAndMessages(() -> parser.parse(toml, "f"));
        assertEquals(blockProblems, tomlProblems, () -> block + "\n---\n" + toml);
    }

    private static List<String> keysAndMessages(org.junit.jupiter.api.function.Executable parse) {
        return assertThrows(ConfigException.class, parse).problems().stream()
                .map(p -> p.key() + ": " + p.message()).toList();
    }

    private static String quoteIntegers(String text) {
        Matcher m = INTEGER_VALUE.matcher(text);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "\"" + r.group(2) + "\""));
    }

    @Provide
    Arbitrary<RaitConfig> raitConfigs() {
        return ModelArbitraries.raitConfigs();
    }

    @Provide
    Arbitrary<PeerList> peerLists() {
        return ModelArbitraries.peerLists();
    }
}
