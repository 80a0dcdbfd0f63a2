package org.rait.configfile;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.rait.config.RaitConfig;
import org.rait.peers.PeerList;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Whatever arrives, a parser returns a model or throws ConfigException with at least one problem. */
class HostileInputPropertiesTest {
    @Property(tries = 1000)
    void randomBytesNeverThrowAnythingButConfigException(@ForAll byte[] bytes) {
        parseBoth(bytes);
    }

    @Property(tries = 2000)
    void syntaxHeavyTextNeverThrowsAnythingButConfigException(@ForAll("syntaxSoup") String text) {
        parseBoth(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 1000)
    void mutatedValidFilesNeverThrowAnythingButConfigException(@ForAll("mutatedFiles") String text) {
        parseBoth(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void parseBoth(byte[] bytes) {
        try {
            ConfigFiles.parseRaitConfig(bytes, "fuzz");
        } catch (ConfigException e) {
            assertFalse(e.problems().isEmpty());
        }
        try {
            ConfigFiles.parsePeers(bytes, "fuzz");
        } catch (ConfigException e) {
            assertFalse(e.problems().isEmpty());
        }
    }

    @Provide
    Arbitrary<String> syntaxSoup() {
        return Arbitraries.strings().withChars("{}[]=\"'#\\/ \n\t,.-+_eE0129abtruefalsnpk").ofMaxLength(200);
    }

    @Provide
    Arbitrary<String> mutatedFiles() {
        Arbitrary<String> rendered = Arbitraries.oneOf(
                Combinators.combine(ModelArbitraries.raitConfigs(), Arbitraries.of(Syntax.class))
                        .as((RaitConfig c, Syntax s) -> ConfigFiles.render(c, s)),
                Combinators.combine(ModelArbitraries.peerLists(), Arbitraries.of(Syntax.class))
                        .as((PeerList p, Syntax s) -> ConfigFiles.render(p, s)));
        return Combinators.combine(rendered, Arbitraries.integers().between(0, 10_000),
                        Arbitraries.integers().between(0, 3), Arbitraries.chars().with("{}[]=\"#\n\\x1"))
                .as((text, where, length, insert) -> {
                    if (text.isEmpty()) return String.valueOf(insert);
                    int at = where % text.length();
                    int end = Math.min(text.length(), at + length);
                    return text.substring(0, at) + insert + text.substring(end);
                });
    }
}
