package org.rait.configfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses RAIT's block syntax (the HCL subset the original tool read): {@code key = value},
 * {@code name { ... }} blocks where a repeated name forms a list, {@code #} and {@code //} comments,
 * strings with escapes, integers, decimal fractions, booleans and lists of those ({@code ["a", "b"]}).
 * Blocks always become a {@link Node.ListNode} of tables; the binder decides whether one is enough.
 * After a syntax error the parser skips to the next line and goes on, so that every error is reported.
 */
final class BlockParser {
    private final Problems problems;
    private final List<BlockToken> tokens;
    private int next;

    private BlockParser(Problems problems, List<BlockToken> tokens) {
        this.problems = problems;
        this.tokens = tokens;
    }

    static Node.Table parse(String text, String source) throws ConfigException {
        Problems problems = new Problems(source);
        BlockParser parser = new BlockParser(problems, BlockLexer.tokens(text, problems));
        Node.Table root = parser.body(Position.START, "", 0, false);
        problems.throwIfAny();
        return root;
    }

    private Node.Table body(Position position, String path, int depth, boolean inBlock) {
        Fields fields = new Fields();
        while (!problems.full()) {
            BlockToken token = peek();
            if (token.kind() == BlockToken.Kind.END) {
                if (inBlock) problems.add(token.position(), "", "missing '}' to close the block opened at " + position);
                break;
            }
            if (token.kind() == BlockToken.Kind.CLOSE_BRACE && inBlock) {
                next++;
                break;
            }
            try {
                statement(fields, path, depth);
            } catch (SyntaxError e) {
                problems.add(e.position, e.key, e.getMessage());
                skipRestOfLine(e.position.line());
            }
        }
        return new Node.Table(position, fields.built());
    }

    private void statement(Fields fields, String path, int depth) {
        BlockToken token = peek();
        if (token.kind() == BlockToken.Kind.CLOSE_BRACE) throw new SyntaxError(token.position(), "'}' without a block to close");
        if (token.kind() != BlockToken.Kind.IDENT) {
            throw new SyntaxError(token.position(), "expected a key, found " + token.describe());
        }
        next++;
        BlockToken after = peek();
        if (after.kind() == BlockToken.Kind.EQUALS) {
            next++;
            addValue(fields, path, token, value(0));
        } else if (after.kind() == BlockToken.Kind.OPEN_BRACE) {
            next++;
            if (depth + 1 > ParseBudget.MAX_DEPTH) throw new SyntaxError(after.position(), keyName(path, token), ParseBudget.tooDeep());
            addBlock(fields, path, token, body(token.position(), keyName(path, token), depth + 1, true));
        } else {
            throw new SyntaxError(after.position(),
                    "expected '=' or '{' after \"" + token.text() + "\", found " + after.describe());
        }
    }

    /** Recovery: drop what is left of the line with the error (never the end of the file). */
    private void skipRestOfLine(int line) {
        while (peek().kind() != BlockToken.Kind.END && peek().position().line() <= line) next++;
    }

    private void addValue(Fields fields, String path, BlockToken key, Node value) {
        Position earlier = fields.position(key.text());
        if (earlier != null) {
            String was = fields.blocks.containsKey(key.text()) ? "is a value here but a block" : "given more than once";
            problems.add(key.position(), keyName(path, key), was + " (first at " + earlier + ")");
            return;
        }
        fields.built.put(key.text(), new Node.Field(key.text(), key.position(), value));
    }

    private void addBlock(Fields fields, String path, BlockToken key, Node.Table block) {
        Blocks blocks = fields.blocks.get(key.text());
        if (blocks == null) {
            Position earlier = fields.position(key.text());
            if (earlier != null) {
                problems.add(key.position(), keyName(path, key), "is a block here but a value at " + earlier);
                return;
            }
            blocks = new Blocks(key.text(), key.position(), new ArrayList<>());
            fields.blocks.put(key.text(), blocks);
            fields.built.put(key.text(), null); // its place in file order; the field once all its blocks are read
        }
        blocks.tables().add(block);
    }

    /**
     * The keys of a table being parsed, in file order: values as they will stay, blocks of one name collected (appended
     * in place) and made a field at the end. One map for the table, not one per step: a peer list has two tables a peer.
     */
    private static final class Fields {
        private final Map<String, Node.Field> built = new LinkedHashMap<>();
        private final Map<String, Blocks> blocks = new HashMap<>();

        /** Where the key was first given, null when it was not. */
        Position position(String key) {
            Blocks b = blocks.get(key);
            if (b != null) return b.position();
            Node.Field field = built.get(key);
            return field == null ? null : field.position();
        }

        Map<String, Node.Field> built() {
            for (Blocks b : blocks.values()) built.put(b.key(), b.field());
            return built;
        }
    }

    private record Blocks(String key, Position position, List<Node> tables) {
        Node.Field field() {
            return new Node.Field(key, position, new Node.ListNode(position, tables));
        }
    }

    private static String keyName(String path, BlockToken key) {
        return path.isEmpty() ? key.text() : path + "." + key.text();
    }

    private Node value(int depth) {
        BlockToken token = peek();
        switch (token.kind()) {
            case STRING:
                next++;
                return new Node.Scalar(token.position(), token.text());
            case INTEGER:
                next++;
                return new Node.Scalar(token.position(), integer(token));
            case FLOAT:
                next++;
                return new Node.Scalar(token.position(), Double.parseDouble(token.text()));
            case IDENT:
                next++;
                if (token.text().equals("true")) return new Node.Scalar(token.position(), Boolean.TRUE);
                if (token.text().equals("false")) return new Node.Scalar(token.position(), Boolean.FALSE);
                throw new SyntaxError(token.position(),
                        "expected a value, found \"" + token.text() + "\" (strings need double quotes)");
            case OPEN_BRACKET:
                next++;
                if (depth > 0) throw new SyntaxError(token.position(), "lists of lists are not supported");
                return list(token.position());
            default:
                throw new SyntaxError(token.position(), "expected a value, found " + token.describe());
        }
    }

    private Node.ListNode list(Position position) {
        List<Node> items = new ArrayList<>();
        while (true) {
            if (peek().kind() == BlockToken.Kind.CLOSE_BRACKET) {
                next++;
                return new Node.ListNode(position, items);
            }
            items.add(value(1));
            BlockToken separator = peek();
            if (separator.kind() == BlockToken.Kind.COMMA) {
                next++;
            } else if (separator.kind() != BlockToken.Kind.CLOSE_BRACKET) {
                throw new SyntaxError(separator.position(),
                        "expected ',' or ']' in the list opened at " + position + ", found " + separator.describe());
            }
        }
    }

    private static Long integer(BlockToken token) {
        try {
            return Long.parseLong(token.text());
        } catch (NumberFormatException e) {
            throw new SyntaxError(token.position(), "integer " + token.text() + " is too large");
        }
    }

    private BlockToken peek() {
        return tokens.get(next);
    }

    /** Ends the statement being parsed; {@link #body} records it and resumes on the next line. */
    static final class SyntaxError extends RuntimeException {
        final Position position;
        final String key;

        SyntaxError(Position position, String message) {
            this(position, "", message);
        }

        SyntaxError(Position position, String key, String message) {
            super(message, null, false, false);
            this.position = position;
            this.key = key;
        }
    }
}
