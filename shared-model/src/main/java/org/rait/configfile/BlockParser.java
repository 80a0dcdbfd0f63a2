package org.rait.configfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the seed's block syntax (the HCL subset the original tool read): {@code key = value},
 * {@code name { ... }} blocks where a repeated name forms a list, {@code #} and {@code //} comments,
 * strings with escapes, integers, decimal fractions, booleans and lists of those ({@code ["a", "b"]}).
 * Blocks always become a {@link Node.ListNode} of tables; the binder decides whether one is enough.
 */
final class BlockParser {
    /** Deeper nesting is never meaningful in rait's files and must not exhaust the stack. */
    private static final int MAX_DEPTH = 16;

    private final String source;
    private final List<BlockToken> tokens;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private int next;

    private BlockParser(String source, List<BlockToken> tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    static Node.Table parse(String text, String source) throws ConfigException {
        BlockParser parser = new BlockParser(source, BlockLexer.tokens(text, source));
        Node.Table root;
        try {
            root = parser.body(Position.START, "", 0, false);
        } catch (SyntaxError e) {
            parser.problems.add(ConfigProblem.at(source, e.position, "", e.getMessage()));
            throw new ConfigException(parser.problems);
        }
        if (!parser.problems.isEmpty()) throw new ConfigException(parser.problems);
        return root;
    }

    private Node.Table body(Position position, String path, int depth, boolean inBlock) {
        Map<String, Node.Field> fields = new LinkedHashMap<>();
        while (true) {
            BlockToken token = peek();
            if (token.kind() == BlockToken.Kind.END) {
                if (inBlock) throw new SyntaxError(token.position(), "missing '}' to close the block opened at " + position);
                return new Node.Table(position, fields);
            }
            if (token.kind() == BlockToken.Kind.CLOSE_BRACE) {
                if (!inBlock) throw new SyntaxError(token.position(), "'}' without a block to close");
                next++;
                return new Node.Table(position, fields);
            }
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
                if (depth + 1 > MAX_DEPTH) throw new SyntaxError(after.position(), "blocks nested too deeply");
                addBlock(fields, path, token, body(token.position(), keyName(path, token), depth + 1, true));
            } else {
                throw new SyntaxError(after.position(),
                        "expected '=' or '{' after \"" + token.text() + "\", found " + after.describe());
            }
        }
    }

    private void addValue(Map<String, Node.Field> fields, String path, BlockToken key, Node value) {
        Node.Field earlier = fields.get(key.text());
        if (earlier != null) {
            problems.add(ConfigProblem.at(source, key.position(), keyName(path, key),
                    "given more than once (first at " + earlier.position() + ")"));
            return;
        }
        fields.put(key.text(), new Node.Field(key.text(), key.position(), value));
    }

    private void addBlock(Map<String, Node.Field> fields, String path, BlockToken key, Node.Table block) {
        Node.Field earlier = fields.get(key.text());
        if (earlier == null) {
            fields.put(key.text(), new Node.Field(key.text(), key.position(),
                    new Node.ListNode(key.position(), List.of(block))));
        } else if (earlier.value() instanceof Node.ListNode list && isBlockList(list)) {
            List<Node> items = new ArrayList<>(list.items());
            items.add(block);
            fields.put(key.text(), new Node.Field(key.text(), earlier.position(), new Node.ListNode(list.position(), items)));
        } else {
            problems.add(ConfigProblem.at(source, key.position(), keyName(path, key),
                    "is a block here but a value at " + earlier.position()));
        }
    }

    private static String keyName(String path, BlockToken key) {
        return path.isEmpty() ? key.text() : path + "." + key.text();
    }

    private static boolean isBlockList(Node.ListNode list) {
        return !list.items().isEmpty() && list.items().get(0) instanceof Node.Table;
    }

    private Node value(int depth) {
        BlockToken token = peek();
        next++;
        switch (token.kind()) {
            case STRING:
                return new Node.Scalar(token.position(), token.text());
            case INTEGER:
                return new Node.Scalar(token.position(), integer(token));
            case FLOAT:
                return new Node.Scalar(token.position(), Double.parseDouble(token.text()));
            case IDENT:
                if (token.text().equals("true")) return new Node.Scalar(token.position(), Boolean.TRUE);
                if (token.text().equals("false")) return new Node.Scalar(token.position(), Boolean.FALSE);
                throw new SyntaxError(token.position(),
                        "expected a value, found \"" + token.text() + "\" (strings need double quotes)");
            case OPEN_BRACKET:
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

    /** Stops parsing: after a syntax error the rest of the file cannot be trusted. */
    static final class SyntaxError extends RuntimeException {
        final Position position;

        SyntaxError(Position position, String message) {
            super(message, null, false, false);
            this.position = position;
        }
    }
}
