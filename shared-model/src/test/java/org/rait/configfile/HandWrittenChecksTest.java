package org.rait.configfile;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The checks every command runs on rait.conf at start-up, written by hand: each is the pattern it replaced. */
class HandWrittenChecksTest {
    private static final Pattern BLOCK_OPENER = Pattern.compile("^[A-Za-z_][A-Za-z0-9_-]*\\s*\\{");
    private static final Pattern SAFE_PREFIX = Pattern.compile("[A-Za-z0-9_.-]+");

    @Property(tries = 2000)
    void aLineOpensABlockWhenItStartsWithANameSpacingAndABrace(@ForAll("lines") String line) {
        assertEquals(BLOCK_OPENER.matcher(line).find(), Syntax.opensBlock(line), line);
    }

    @Property(tries = 2000)
    void anInterfacePrefixHoldsLettersDigitsUnderscoresDotsAndDashesOnly(@ForAll("lines") String prefix) {
        if (prefix.isEmpty()) return;
        boolean safe = SAFE_PREFIX.matcher(prefix).matches();
        String problem = InterfacePrefix.problemWith(prefix);
        assertEquals(!safe, problem != null && problem.startsWith("may only hold"), prefix);
    }

    @Test
    void aUnicodeEscapeTakesFourHexDigitsOfEitherCase() throws ConfigException {
        Node.Scalar name = (Node.Scalar) BlockParser.parse("name = \"\\u00e9\\u00C9\"\n", "rait.conf").fields().get("name").value();
        assertEquals("\u00e9\u00C9", name.value());
        for (String bad : new String[] {"\\u00g9", "\\u00e", "\\u-0e9"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> BlockParser.parse("name = \"" + bad + "\"\n", "rait.conf"));
            assertEquals("\\u needs four hex digits", e.problems().get(0).message(), bad);
        }
    }

    @Test
    void aPrefixOfEveryAllowedKindOfCharacterIsFine() {
        assertNull(InterfacePrefix.problemWith("r4X.a-b_"));
    }

    @Provide
    Arbitrary<String> lines() {
        return Arbitraries.strings().withChars("aZ_09-.{} \t\n\u000B\f\r=#[").ofMaxLength(12);
    }
}
