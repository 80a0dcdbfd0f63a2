package org.rait.configfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses TOML 1.0 into the positioned {@link Node} tree in one pass over the text, within the
 * {@link ParseBudget}: memory in proportion to the input (a generated parser took about 250 bytes of
 * heap per input byte, a gigabyte for a 4 MiB peer list) and nesting bounded, so deep input is a
 * located problem rather than a stack overflow. After a syntax error it skips to the next line and
 * goes on, so that every error is reported.
 */
final class TomlReader {
    /** How a table came to be; it decides what may still be added to it (TOML 1.0 section "Table"). */
    private enum Origin {
        /** Created as the parent of a [header]; a later [header] of its own may still define it. */
        IMPLICIT,
        /** Defined by its own [header] or [[header]]. */
        HEADER,
        /** Created by a dotted key (a.b = 1). */
        DOTTED,
        /** An inline table { ... }: complete as written. */
        INLINE
    }

    private static final class Table {
        final Position position;
        Origin origin;
        final Map<String, Entry> entries = new LinkedHashMap<>();

        Table(Position position, Origin origin) {
            this.position = position;
            this.origin = origin;
        }
    }

    /** A key of a table while parsing: a value, a table, or an array (of tables from [[headers]], or inline). */
    private record Entry(Position position, Object value) {
    }

    private static final class Array {
        final Position position;
        final boolean ofHeaders;
        final List<Object> items = new ArrayList<>();
        final List<Position> positions = new ArrayList<>();

        Array(Position position, boolean ofHeaders) {
            this.position = position;
            this.ofHeaders = ofHeaders;
        }
    }

    private record Scalar(Position position, Object value) {
    }

    private record Key(List<String> parts, List<Position> positions) {
        String dotted(String prefix) {
            String joined = String.join(".", parts.size() > ParseBudget.MAX_DEPTH ? parts.subList(0, ParseBudget.MAX_DEPTH) : parts);
            return prefix.isEmpty() ? joined : prefix + "." + joined;
        }
    }

    private final String text;
    private final Problems problems;
    private final Table root = new Table(Position.START, Origin.HEADER);
    private Table current = root;
    private String currentPath = "";
    private int currentDepth;
    private int pos;
    private int line = 1;
    private int lineStart;

    private TomlReader(String text, Problems problems) {
        this.text = text;
        this.problems = problems;
    }

    static Node.Table parse(String text, String source) throws ConfigException {
        Problems problems = new Problems(source);
        TomlReader reader = new TomlReader(text, problems);
        reader.document();
        problems.throwIfAny();
        return (Node.Table) build(reader.root);
    }

    private void document() {
        while (pos < text.length() && !problems.full()) {
            try {
                expression();
            } catch (SyntaxError e) {
                problems.add(e.position, e.key, e.getMessage());
                skipPastLine();
            }
        }
    }

    private void expression() {
        skipBlanks();
        if (pos >= text.length()) return;
        char c = text.charAt(pos);
        if (c == '[') {
            header();
        } else if (c != '#' && c != '\n' && c != '\r') {
            keyValue(current, currentPath, currentDepth);
        }
        endOfLine();
    }

    /** Blanks, an optional comment, then a newline or the end of the text. */
    private void endOfLine() {
        skipBlanks();
        if (pos < text.length() && text.charAt(pos) == '#') comment();
        if (pos >= text.length()) return;
        if (!newline()) throw error("expected the end of the line, found " + describe(pos));
    }

    private void comment() {
        pos++;
        while (pos < text.length() && text.charAt(pos) != '\n') {
            char c = text.charAt(pos);
            if (c == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') return;
            if (isControl(c)) throw error("control character " + codePoint(c) + " in a comment");
            pos++;
        }
    }

    private boolean newline() {
        if (pos < text.length() && text.charAt(pos) == '\n') {
            pos++;
        } else if (text.startsWith("\r\n", pos)) {
            pos += 2;
        } else {
            return false;
        }
        line++;
        lineStart = pos;
        return true;
    }

    private void skipPastLine() {
        while (pos < text.length() && text.charAt(pos) != '\n') pos++;
        if (pos < text.length()) newline();
    }

    private void skipBlanks() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) pos++;
    }

    /** Blanks, newlines and comments: what may come between the items of an array. */
    private void skipBlanksAndNewlines() {
        while (true) {
            skipBlanks();
            if (pos < text.length() && text.charAt(pos) == '#') comment();
            if (!newline()) return;
        }
    }

    // ---- tables

    private void header() {
        Position at = position();
        boolean array = text.startsWith("[[", pos);
        pos += array ? 2 : 1;
        skipBlanks();
        Key key = key(0);
        skipBlanks();
        if (!text.startsWith(array ? "]]" : "]", pos)) {
            throw error("expected '" + (array ? "]]" : "]") + "' to end the table header, found " + describe(pos));
        }
        pos += array ? 2 : 1;
        Table table = root;
        String path = "";
        for (int i = 0; i < key.parts().size() - 1; i++) {
            path = join(path, key.parts().get(i));
            table = intoTable(table, key.parts().get(i), key.positions().get(i), path, Origin.IMPLICIT, false);
        }
        String last = key.parts().get(key.parts().size() - 1);
        Position lastAt = key.positions().get(key.parts().size() - 1);
        path = join(path, last);
        Entry existing = table.entries.get(last);
        if (array) {
            Array tables;
            if (existing == null) {
                tables = new Array(lastAt, true);
                table.entries.put(last, new Entry(lastAt, tables));
            } else if (existing.value() instanceof Array a && a.ofHeaders) {
                tables = a;
            } else {
                throw new SyntaxError(lastAt, path, "is " + what(existing.value()) + " at " + existing.position()
                        + "; it cannot also be an array of tables");
            }
            Table item = new Table(at, Origin.HEADER);
            tables.items.add(item);
            tables.positions.add(at);
            current = item;
        } else {
            if (existing == null) {
                Table defined = new Table(at, Origin.HEADER);
                table.entries.put(last, new Entry(lastAt, defined));
                current = defined;
            } else if (existing.value() instanceof Table t && t.origin == Origin.IMPLICIT) {
                t.origin = Origin.HEADER;
                current = t;
            } else {
                throw new SyntaxError(lastAt, path, "table defined more than once (first at " + existing.position() + ")");
            }
        }
        currentPath = path;
        currentDepth = key.parts().size();
    }

    /**
     * The table under {@code name}, created with {@code origin} when missing; the last table of an
     * array of tables. {@code dotted}: reached through a dotted key, which may not reopen a table
     * that a header or an inline table defined.
     */
    private Table intoTable(Table parent, String name, Position at, String path, Origin origin, boolean dotted) {
        Entry existing = parent.entries.get(name);
        if (existing == null) {
            Table created = new Table(at, origin);
            parent.entries.put(name, new Entry(at, created));
            return created;
        }
        if (existing.value() instanceof Table t) {
            boolean closed = t.origin == Origin.INLINE || dotted && t.origin == Origin.HEADER;
            if (!closed) return t;
        } else if (!dotted && existing.value() instanceof Array a && a.ofHeaders) {
            return (Table) a.items.get(a.items.size() - 1);
        }
        throw new SyntaxError(at, path, "is " + what(existing.value()) + " at " + existing.position()
                + "; it cannot be extended here");
    }

    // ---- keys and values

    private void keyValue(Table table, String path, int depth) {
        Key key = key(depth);
        skipBlanks();
        if (pos >= text.length() || text.charAt(pos) != '=') {
            throw error("expected '=' after the key \"" + key.dotted("") + "\", found " + describe(pos));
        }
        pos++;
        skipBlanks();
        Table target = table;
        String targetPath = path;
        for (int i = 0; i < key.parts().size() - 1; i++) {
            targetPath = join(targetPath, key.parts().get(i));
            target = intoTable(target, key.parts().get(i), key.positions().get(i), targetPath, Origin.DOTTED, true);
        }
        String last = key.parts().get(key.parts().size() - 1);
        Position lastAt = key.positions().get(key.parts().size() - 1);
        String name = join(targetPath, last);
        Object value = value(name, depth + key.parts().size());
        Entry existing = target.entries.get(last);
        if (existing != null) {
            throw new SyntaxError(lastAt, name, "given more than once (first at " + existing.position() + ")");
        }
        target.entries.put(last, new Entry(lastAt, value));
    }

    private Key key(int depth) {
        List<String> parts = new ArrayList<>();
        List<Position> positions = new ArrayList<>();
        while (true) {
            positions.add(position());
            parts.add(simpleKey());
            if (depth + parts.size() > ParseBudget.MAX_DEPTH) {
                throw new SyntaxError(positions.get(positions.size() - 1), new Key(parts, positions).dotted(currentPath),
                        ParseBudget.tooDeep());
            }
            skipBlanks();
            if (pos >= text.length() || text.charAt(pos) != '.') return new Key(parts, positions);
            pos++;
            skipBlanks();
        }
    }

    private String simpleKey() {
        if (pos >= text.length()) throw error("expected a key, found the end of the file");
        char c = text.charAt(pos);
        if (c == '"') {
            if (text.startsWith("\"\"\"", pos)) throw error("a key cannot be a multi-line string");
            return basicString();
        }
        if (c == '\'') {
            if (text.startsWith("'''", pos)) throw error("a key cannot be a multi-line string");
            return literalString();
        }
        int start = pos;
        while (pos < text.length() && isBareKeyChar(text.charAt(pos))) pos++;
        if (pos == start) throw error("expected a key, found " + describe(pos));
        return text.substring(start, pos);
    }

    private Object value(String key, int depth) {
        if (depth > ParseBudget.MAX_DEPTH) throw new SyntaxError(position(), key, ParseBudget.tooDeep());
        if (pos >= text.length()) throw error("expected a value, found the end of the file");
        Position at = position();
        char c = text.charAt(pos);
        switch (c) {
            case '"':
                return new Scalar(at, text.startsWith("\"\"\"", pos) ? multiLineBasicString() : basicString());
            case '\'':
                return new Scalar(at, text.startsWith("'''", pos) ? multiLineLiteralString() : literalString());
            case '[':
                return array(key, depth, at);
            case '{':
                return inlineTable(key, depth, at);
            default:
                return new Scalar(at, bareValue(at));
        }
    }

    private Array array(String key, int depth, Position at) {
        pos++;
        Array array = new Array(at, false);
        while (true) {
            skipBlanksAndNewlines();
            if (pos < text.length() && text.charAt(pos) == ']') {
                pos++;
                return array;
            }
            Position itemAt = position();
            array.items.add(value(key, depth + 1));
            array.positions.add(itemAt);
            skipBlanksAndNewlines();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
            } else if (pos >= text.length() || text.charAt(pos) != ']') {
                throw error("expected ',' or ']' in the array opened at " + at + ", found " + describe(pos));
            }
        }
    }

    private Table inlineTable(String key, int depth, Position at) {
        pos++;
        Table table = new Table(at, Origin.DOTTED);
        skipBlanks();
        if (pos < text.length() && text.charAt(pos) == '}') {
            pos++;
            table.origin = Origin.INLINE;
            return table;
        }
        while (true) {
            skipBlanks();
            keyValue(table, key, depth);
            skipBlanks();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
            } else if (pos < text.length() && text.charAt(pos) == '}') {
                pos++;
                closeInline(table);
                return table;
            } else {
                throw error("expected ',' or '}' in the inline table opened at " + at + " (on one line), found " + describe(pos));
            }
        }
    }

    /** An inline table and the tables its dotted keys made are complete: nothing may be added later. */
    private static void closeInline(Table table) {
        table.origin = Origin.INLINE;
        for (Entry entry : table.entries.values()) {
            if (entry.value() instanceof Table t) closeInline(t);
        }
    }

    // ---- strings

    private String basicString() {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) throw error("unterminated string");
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c == '\n' || c == '\r') throw error("unterminated string (a basic string ends on its line)");
            if (c == '\\') {
                escape(out);
            } else {
                if (isControl(c)) throw error("control character " + codePoint(c) + " in a string (write it as an escape)");
                out.append(c);
                pos++;
            }
        }
    }

    private String multiLineBasicString() {
        pos += 3;
        newline();
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) throw error("unterminated multi-line string");
            if (text.startsWith("\"\"\"", pos)) {
                // Up to two quotes may sit right before the closing three.
                int quotes = 3;
                while (quotes < 5 && pos + quotes < text.length() && text.charAt(pos + quotes) == '"') quotes++;
                out.append("\"".repeat(quotes - 3));
                pos += quotes;
                return out.toString();
            }
            char c = text.charAt(pos);
            if (c == '\\' && lineEndingBackslash()) continue;
            if (c == '\\') {
                escape(out);
            } else if (c == '\n' || c == '\r') {
                if (!newline()) throw error("a carriage return must be followed by a line feed");
                out.append('\n');
            } else {
                if (isControl(c)) throw error("control character " + codePoint(c) + " in a string (write it as an escape)");
                out.append(c);
                pos++;
            }
        }
    }

    /** A backslash that ends a line in a multi-line string drops the newline and the blanks that follow. */
    private boolean lineEndingBackslash() {
        int look = pos + 1;
        while (look < text.length() && (text.charAt(look) == ' ' || text.charAt(look) == '\t')) look++;
        if (look < text.length() && text.charAt(look) != '\n' && !text.startsWith("\r\n", look)) return false;
        if (look >= text.length()) return false;
        pos = look;
        while (true) {
            skipBlanks();
            if (!newline()) return true;
        }
    }

    private void escape(StringBuilder out) {
        Position at = position();
        if (pos + 1 >= text.length()) throw error("unfinished escape at the end of the file");
        char e = text.charAt(pos + 1);
        pos += 2;
        switch (e) {
            case 'b' -> out.append('\b');
            case 't' -> out.append('\t');
            case 'n' -> out.append('\n');
            case 'f' -> out.append('\f');
            case 'r' -> out.append('\r');
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case 'u' -> out.appendCodePoint(unicode(at, 4));
            case 'U' -> out.appendCodePoint(unicode(at, 8));
            default -> throw new SyntaxError(at, "", "unknown escape \\" + e + " (known: \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)");
        }
    }

    private int unicode(Position at, int digits) {
        if (pos + digits > text.length()) throw new SyntaxError(at, "", "unfinished unicode escape");
        int value = 0;
        for (int i = 0; i < digits; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0 || text.charAt(pos + i) > 'f') throw new SyntaxError(at, "", "unicode escape needs " + digits + " hex digits");
            value = value * 16 + d;
        }
        pos += digits;
        if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
            throw new SyntaxError(at, "", "unicode escape " + Integer.toHexString(value) + " is not a Unicode scalar value");
        }
        return value;
    }

    private String literalString() {
        pos++;
        int start = pos;
        while (true) {
            if (pos >= text.length()) throw error("unterminated string");
            char c = text.charAt(pos);
            if (c == '\'') {
                pos++;
                return text.substring(start, pos - 1);
            }
            if (c == '\n' || c == '\r') throw error("unterminated string (a literal string ends on its line)");
            if (isControl(c)) throw error("control character " + codePoint(c) + " in a string");
            pos++;
        }
    }

    private String multiLineLiteralString() {
        pos += 3;
        newline();
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) throw error("unterminated multi-line string");
            if (text.startsWith("'''", pos)) {
                int quotes = 3;
                while (quotes < 5 && pos + quotes < text.length() && text.charAt(pos + quotes) == '\'') quotes++;
                out.append("'".repeat(quotes - 3));
                pos += quotes;
                return out.toString();
            }
            char c = text.charAt(pos);
            if (c == '\n' || c == '\r') {
                if (!newline()) throw error("a carriage return must be followed by a line feed");
                out.append('\n');
            } else {
                if (isControl(c)) throw error("control character " + codePoint(c) + " in a string");
                out.append(c);
                pos++;
            }
        }
    }

    // ---- numbers, booleans, dates

    /** true, false, a number or a date: the run of characters up to a separator, then read as one of those. */
    private Object bareValue(Position at) {
        int start = pos;
        while (pos < text.length() && isBareValueChar(text, pos, start)) pos++;
        String word = text.substring(start, pos);
        if (word.isEmpty()) throw error("expected a value, found " + describe(pos));
        Object value = TomlScalars.read(word);
        if (value == null) {
            throw new SyntaxError(at, "", "expected a value, found \"" + (word.length() > 40 ? word.substring(0, 40) + "..." : word)
                    + "\" (strings need quotes)");
        }
        return value;
    }

    /** Characters of a bare value; a space belongs to it only between a date and a time ("1979-05-27 07:32:00"). */
    private static boolean isBareValueChar(String text, int i, int start) {
        char c = text.charAt(i);
        if (c == ' ') {
            return i - start == 10 && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))
                    && text.charAt(start + 4) == '-' && text.charAt(start + 7) == '-';
        }
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '+' || c == '-' || c == '_' || c == '.' || c == ':';
    }

    // ---- building the tree

    private static Node build(Object value) {
        if (value instanceof Scalar s) return new Node.Scalar(s.position(), s.value());
        if (value instanceof Array a) {
            List<Node> items = new ArrayList<>(a.items.size());
            for (Object item : a.items) items.add(build(item));
            return new Node.ListNode(a.position, items);
        }
        Table table = (Table) value;
        Map<String, Node.Field> fields = new LinkedHashMap<>();
        table.entries.forEach((key, entry) -> fields.put(key, new Node.Field(key, entry.position(), build(entry.value()))));
        return new Node.Table(table.position, fields);
    }

    // ---- helpers

    private Position position() {
        return new Position(line, pos - lineStart + 1);
    }

    private SyntaxError error(String message) {
        return new SyntaxError(position(), "", message);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String what(Object value) {
        if (value instanceof Table t) return t.origin == Origin.INLINE ? "an inline table" : "a table";
        if (value instanceof Array a) return a.ofHeaders ? "an array of tables" : "an array";
        return "a value";
    }

    private String describe(int at) {
        if (at >= text.length()) return "the end of the file";
        char c = text.charAt(at);
        if (c == '\n' || c == '\r') return "the end of the line";
        return isControl(c) ? "control character " + codePoint(c) : "'" + c + "'";
    }

    private static boolean isBareKeyChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t') || c == 0x7f;
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }

    /** Ends the expression being parsed; {@link #document} records it and resumes on the next line. */
    private static final class SyntaxError extends RuntimeException {
        final Position position;
        final String key;

        SyntaxError(Position position, String key, String message) {
            super(message, null, false, false);
            this.position = position;
            this.key = key;
        }
    }
}
