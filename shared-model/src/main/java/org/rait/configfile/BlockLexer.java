package org.rait.configfile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits block-syntax text into tokens with line:column positions; comments and whitespace vanish.
 * A lexical error is recorded and lexing goes on (an unterminated string ends at its line), so that
 * one pass reports every such error.
 */
final class BlockLexer {
    /** Compiled at the first fraction: most files have none, and every command lexes rait.conf at start-up. */
    private static final class Fraction {
        static final Pattern SPELLING = Pattern.compile("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    }
    // The text as an array: a short command lexes its files interpreted, where String.charAt (a call through
    // the string's coder and a bounds check) costs several times an array read.
    private final String text;
    private final char[] chars;
    private final Problems problems;
    private int offset;
    private int line = 1;
    private int column = 1;

    private BlockLexer(String text, Problems problems) {
        this.text = text;
        this.chars = text.toCharArray();
        this.problems = problems;
    }

    /** The tokens, ending with END; lexical errors go to {@code problems}. */
    static List<BlockToken> tokens(String text, Problems problems) {
        return new BlockLexer(text, problems).all();
    }

    private List<BlockToken> all() {
        List<BlockToken> tokens = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            Position at = new Position(line, column);
            if (offset >= chars.length || problems.full()) {
                tokens.add(new BlockToken(BlockToken.Kind.END, "", at));
                return tokens;
            }
            char c = chars[offset];
            BlockToken.Kind punctuation = punctuation(c);
            if (punctuation != null) {
                advance();
                tokens.add(new BlockToken(punctuation, String.valueOf(c), at));
            } else if (c == '"') {
                tokens.add(new BlockToken(BlockToken.Kind.STRING, string(at), at));
            } else if (c == '-' || c == '+' || isDigit(c)) {
                tokens.add(number(at));
            } else if (isIdentStart(c)) {
                int start = offset;
                while (offset < chars.length && chars[offset] < IDENT_PART.length && IDENT_PART[chars[offset]]) offset++;
                column += offset - start;    // no newline in a name
                tokens.add(new BlockToken(BlockToken.Kind.IDENT, text.substring(start, offset), at));
            } else {
                problems.add(at, "", "unexpected character " + printable(c));
                advance();
            }
        }
    }

    private static BlockToken.Kind punctuation(char c) {
        switch (c) {
            case '=': return BlockToken.Kind.EQUALS;
            case '{': return BlockToken.Kind.OPEN_BRACE;
            case '}': return BlockToken.Kind.CLOSE_BRACE;
            case '[': return BlockToken.Kind.OPEN_BRACKET;
            case ']': return BlockToken.Kind.CLOSE_BRACKET;
            case ',': return BlockToken.Kind.COMMA;
            default: return null;
        }
    }

    private void skipSpaceAndComments() {
        while (offset < chars.length) {
            char c = chars[offset];
            // what advance() does, written out: indentation is most of a peer list's characters
            if (c == '\n') {
                line++;
                column = 1;
                offset++;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\uFEFF') {
                column++;
                offset++;
            } else if (c == '#' || (c == '/' && offset + 1 < chars.length && chars[offset + 1] == '/')) {
                while (offset < chars.length && chars[offset] != '\n') advance();
            } else {
                return;
            }
        }
    }

    private String string(Position start) {
        // Most strings (keys, addresses, names) have no escape: taken in one step, with the column the loop
        // below would count (none of their characters is a newline).
        for (int end = offset + 1; end < chars.length; end++) {
            char c = chars[end];
            if (c == '"') {
                String plain = text.substring(offset + 1, end);
                column += end + 1 - offset;
                offset = end + 1;
                return plain;
            }
            if (c == '\\' || c == '\n') break;
        }
        advance();
        StringBuilder out = new StringBuilder();
        while (true) {
            if (offset >= chars.length || chars[offset] == '\n') {
                problems.add(start, "", "unterminated string");
                return out.toString();
            }
            char c = chars[offset];
            if (c == '"') {
                advance();
                return out.toString();
            }
            if (c != '\\') {
                // a run of plain characters in one append (none of them is a newline: the column moves by its length)
                int run = offset;
                while (run < chars.length && chars[run] != '"' && chars[run] != '\\' && chars[run] != '\n') run++;
                out.append(chars, offset, run - offset);
                column += run - offset;
                offset = run;
                continue;
            }
            Position at = new Position(line, column); // of the backslash, for an error in the escape
            advance();
            if (offset >= chars.length) {
                problems.add(start, "", "unterminated string");
                return out.toString();
            }
            char e = chars[offset];
            advance();
            switch (e) {
                case '"': out.append('"'); break;
                case '\\': out.append('\\'); break;
                case 'n': out.append('\n'); break;
                case 't': out.append('\t'); break;
                case 'r': out.append('\r'); break;
                case 'u': unicodeEscape(at, out); break;
                default: problems.add(at, "", "unknown escape \\" + printable(e) + " in a string");
            }
        }
    }

    private void unicodeEscape(Position at, StringBuilder out) {
        if (offset + 4 > chars.length || !isHex(chars[offset]) || !isHex(chars[offset + 1]) || !isHex(chars[offset + 2])
                || !isHex(chars[offset + 3])) {
            problems.add(at, "", "\\u needs four hex digits");
            return;
        }
        out.append((char) Integer.parseInt(text.substring(offset, offset + 4), 16));
        for (int i = 0; i < 4; i++) advance();
    }

    /** Integers and decimal fractions ({@code 0.5}, {@code 1e-3}); the kind tells which. */
    private BlockToken number(Position at) {
        int start = offset;
        if (chars[offset] == '-' || chars[offset] == '+') advance();
        boolean fraction = false;
        while (offset < chars.length) {
            char c = chars[offset];
            if (isDigit(c)) {
                advance();
            } else if (c == '.' || c == 'e' || c == 'E') {
                fraction = true;
                advance();
            } else if ((c == '-' || c == '+') && fraction && isExponentMark(chars[offset - 1])) {
                advance();
            } else {
                break;
            }
        }
        String spelled = text.substring(start, offset);
        if (fraction) {
            if (!Fraction.SPELLING.matcher(spelled).matches()) return malformed(at, spelled);
            return new BlockToken(BlockToken.Kind.FLOAT, spelled, at);
        }
        // Without a fraction only digits were taken after the sign: the spelling is an integer unless it has no digit.
        if (spelled.length() == (isDigit(spelled.charAt(0)) ? 0 : 1)) return malformed(at, spelled);
        return new BlockToken(BlockToken.Kind.INTEGER, spelled, at);
    }

    /** Recorded; the token stands in as 0 so that parsing goes on (nothing is bound after an error). */
    private BlockToken malformed(Position at, String spelled) {
        problems.add(at, "", "malformed number " + spelled);
        return new BlockToken(BlockToken.Kind.INTEGER, "0", at);
    }

    private static boolean isExponentMark(char c) {
        return c == 'e' || c == 'E';
    }

    private void advance() {
        if (chars[offset] == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        offset++;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    /** The characters of a name after its first, as a table: a key is read a character at a time, interpreted. */
    private static final boolean[] IDENT_PART = new boolean[128];

    static {
        for (char c = 0; c < IDENT_PART.length; c++) IDENT_PART[c] = isIdentStart(c) || isDigit(c) || c == '-';
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
