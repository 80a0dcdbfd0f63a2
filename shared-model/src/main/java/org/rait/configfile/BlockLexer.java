package org.rait.configfile;

import java.util.ArrayList;
import java.util.List;

/** Splits block-syntax text into tokens with line:column positions; comments and whitespace vanish. */
final class BlockLexer {
    private final String text;
    private int offset;
    private int line = 1;
    private int column = 1;

    private BlockLexer(String text) {
        this.text = text;
    }

    /** The tokens, ending with END; a lexical error becomes a ConfigException at its position. */
    static List<BlockToken> tokens(String text, String source) throws ConfigException {
        BlockLexer lexer = new BlockLexer(text);
        try {
            return lexer.all();
        } catch (BlockParser.SyntaxError e) {
            throw new ConfigException(List.of(ConfigProblem.at(source, e.position, "", e.getMessage())));
        }
    }

    private List<BlockToken> all() {
        List<BlockToken> tokens = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            Position at = new Position(line, column);
            if (offset >= text.length()) {
                tokens.add(new BlockToken(BlockToken.Kind.END, "", at));
                return tokens;
            }
            char c = text.charAt(offset);
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
                while (offset < text.length() && isIdentPart(text.charAt(offset))) advance();
                tokens.add(new BlockToken(BlockToken.Kind.IDENT, text.substring(start, offset), at));
            } else {
                throw new BlockParser.SyntaxError(at, "unexpected character " + printable(c));
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
        while (offset < text.length()) {
            char c = text.charAt(offset);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\uFEFF') {
                advance();
            } else if (c == '#' || (c == '/' && offset + 1 < text.length() && text.charAt(offset + 1) == '/')) {
                while (offset < text.length() && text.charAt(offset) != '\n') advance();
            } else {
                return;
            }
        }
    }

    private String string(Position start) {
        advance();
        StringBuilder out = new StringBuilder();
        while (true) {
            if (offset >= text.length() || text.charAt(offset) == '\n') {
                throw new BlockParser.SyntaxError(start, "unterminated string");
            }
            char c = text.charAt(offset);
            Position at = new Position(line, column);
            advance();
            if (c == '"') return out.toString();
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (offset >= text.length()) throw new BlockParser.SyntaxError(start, "unterminated string");
            char e = text.charAt(offset);
            advance();
            switch (e) {
                case '"': out.append('"'); break;
                case '\\': out.append('\\'); break;
                case 'n': out.append('\n'); break;
                case 't': out.append('\t'); break;
                case 'r': out.append('\r'); break;
                case 'u': out.append(unicodeEscape(at)); break;
                default: throw new BlockParser.SyntaxError(at, "unknown escape \\" + printable(e) + " in a string");
            }
        }
    }

    private char unicodeEscape(Position at) {
        if (offset + 4 > text.length()) throw new BlockParser.SyntaxError(at, "\\u needs four hex digits");
        String hex = text.substring(offset, offset + 4);
        for (int i = 0; i < 4; i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) throw new BlockParser.SyntaxError(at, "\\u needs four hex digits");
        }
        for (int i = 0; i < 4; i++) advance();
        return (char) Integer.parseInt(hex, 16);
    }

    /** Integers and decimal fractions ({@code 0.5}, {@code 1e-3}); the kind tells which. */
    private BlockToken number(Position at) {
        int start = offset;
        if (text.charAt(offset) == '-' || text.charAt(offset) == '+') advance();
        boolean fraction = false;
        while (offset < text.length()) {
            char c = text.charAt(offset);
            if (isDigit(c)) {
                advance();
            } else if (c == '.' || c == 'e' || c == 'E') {
                fraction = true;
                advance();
            } else if ((c == '-' || c == '+') && fraction && isExponentMark(text.charAt(offset - 1))) {
                advance();
            } else {
                break;
            }
        }
        String spelled = text.substring(start, offset);
        if (fraction) {
            if (!spelled.matches("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
                throw new BlockParser.SyntaxError(at, "malformed number " + spelled);
            }
            return new BlockToken(BlockToken.Kind.FLOAT, spelled, at);
        }
        if (!spelled.matches("[-+]?\\d+")) throw new BlockParser.SyntaxError(at, "malformed number " + spelled);
        return new BlockToken(BlockToken.Kind.INTEGER, spelled, at);
    }

    private static boolean isExponentMark(char c) {
        return c == 'e' || c == 'E';
    }

    private void advance() {
        if (text.charAt(offset) == '\n') {
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

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c) || c == '-';
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
