package org.rait.configfile;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** TOML 1.0 as rait reads it: every value form, tables and their rules, and problems with their place. */
class TomlReaderTest {
    @Test
    void everyValueFormReadsToItsValue() throws Exception {
        Node.Table root = TomlReader.parse("""
                basic = "tab\\there \\u00e9 \\U0001F600 \\"q\\" \\\\"
                literal = 'C:\\no\\escapes'
                multi = \"\"\"
                one \\
                   two
                three\"\"\"
                multi_literal = '''
                raw \\n line'''
                "quoted key" = 1
                'literal key' = 2
                decimal = +1_000
                negative = -17
                hex = 0xdead_BEEF
                octal = 0o755
                binary = 0b1010
                float = 6.626e-34
                fraction = -0.5
                infinite = -inf
                yes = true
                no = false
                date = 1979-05-27
                time = 07:32:00.5
                local = 1979-05-27T07:32:00
                offset = 1979-05-27 07:32:00Z
                list = [ 1, "two",
                  # a comment inside
                  [3.0], ]
                inline = { a = 1, b.c = "d" }
                """, "f");

        assertEquals("tab\there \u00e9 \uD83D\uDE00 \"q\" \\", scalar(root, "basic"));
        assertEquals("C:\\no\\escapes", scalar(root, "literal"));
        assertEquals("one two\nthree", scalar(root, "multi"));
        assertEquals("raw \\n line", scalar(root, "multi_literal"));
        assertEquals(1L, scalar(root, "quoted key"));
        assertEquals(2L, scalar(root, "literal key"));
        assertEquals(1000L, scalar(root, "decimal"));
        assertEquals(-17L, scalar(root, "negative"));
        assertEquals(0xdeadbeefL, scalar(root, "hex"));
        assertEquals(493L, scalar(root, "octal"));
        assertEquals(10L, scalar(root, "binary"));
        assertEquals(6.626e-34, scalar(root, "float"));
        assertEquals(-0.5, scalar(root, "fraction"));
        assertEquals(Double.NEGATIVE_INFINITY, scalar(root, "infinite"));
        assertEquals(true, scalar(root, "yes"));
        assertEquals(false, scalar(root, "no"));
        assertEquals("a date or time", Node.describe(root.fields().get("date").value()));
        assertEquals("a date or time", Node.describe(root.fields().get("time").value()));
        assertEquals("a date or time", Node.describe(root.fields().get("local").value()));
        assertEquals("a date or time", Node.describe(root.fields().get("offset").value()));
        Node.ListNode list = (Node.ListNode) root.fields().get("list").value();
        assertEquals(3, list.items().size());
        assertEquals(new Position(25, 10), list.items().get(0).position());
        Node.Table inline = (Node.Table) root.fields().get("inline").value();
        assertEquals("d", ((Node.Scalar) ((Node.Table) inline.fields().get("b").value()).fields().get("c").value()).value());
    }

    @Test
    void tablesArraysOfTablesAndDottedKeysNestAsTomlSays() throws Exception {
        Node.Table root = TomlReader.parse("""
                [a.b]
                x = 1
                [a]
                y.z = 2
                [[peers]]
                name = "one"
                [[peers.endpoint]]
                send_port = 1
                [[peers]]
                name = "two"
                """, "f");

        Node.Table a = (Node.Table) root.fields().get("a").value();
        assertEquals(List.of("b", "y"), List.copyOf(a.fields().keySet()));
        Node.ListNode peers = (Node.ListNode) root.fields().get("peers").value();
        assertEquals(2, peers.items().size());
        assertEquals(new Position(5, 1), peers.items().get(0).position());
        Node.Table first = (Node.Table) peers.items().get(0);
        assertEquals(new Position(8, 1), ((Node.Table) ((Node.ListNode) first.fields().get("endpoint").value()).items().get(0))
                .fields().get("send_port").position());
    }

    @Test
    void windowsLineEndsAreLineEnds() throws Exception {
        Node.Table root = TomlReader.parse("a = 1\r\nb = \"x\"\r\n", "f");

        assertEquals(new Position(2, 1), root.fields().get("b").position());
    }

    @Test
    void whatTomlForbidsIsAProblemAtItsPlace() {
        assertEquals(List.of("f:2:1: a: given more than once (first at 1:1)"), problems("a = 1\na = 2\n"));
        assertEquals(List.of("f:3:2: t: table defined more than once (first at 1:2)"), problems("[t]\nx = 1\n[t]\n"));
        assertEquals(List.of("f:2:3: t: is a value at 1:1; it cannot also be an array of tables"), problems("t = 1\n[[t]]\n"));
        assertEquals(List.of("f:2:1: i: is an inline table at 1:1; it cannot be extended here"), problems("i = {}\ni.x = 1\n"));
        assertEquals(List.of("f:1:5: expected a value, found \"01\" (strings need quotes)"), problems("a = 01\n"));
        assertEquals(List.of("f:1:5: expected a value, found \"bare\" (strings need quotes)"), problems("a = bare\n"));
        assertEquals(List.of("f:1:7: expected the end of the line, found '2'"), problems("a = 1 2\n"));
        assertEquals(List.of("f:1:7: unterminated string (a basic string ends on its line)"), problems("a = \"x\nb = 1\n").subList(0, 1));
        assertEquals(List.of("f:1:6: unknown escape \\q (known: \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)"), problems("a = \"\\q\"\n"));
        assertEquals(List.of("f:1:19: expected ',' or '}' in the inline table opened at 1:5 (on one line), found the end of the line"),
                problems("a = { b = 1, c = 2\n"));
        assertEquals(List.of("f:1:8: control character U+0001 in a comment"), problems("a = 1 #\u0001\n"));
    }

    @Test
    void afterAnErrorEveryFollowingLineIsStillRead() {
        assertEquals(List.of("f:1:5: expected a value, found '@'", "f:3:5: expected a value, found '#'"),
                problems("a = @\nb = 2\nc = #\n"));
    }

    private static List<String> problems(String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> TomlReader.parse(text, "f"));
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    private static Object scalar(Node.Table table, String key) {
        return ((Node.Scalar) table.fields().get(key).value()).value();
    }
}
