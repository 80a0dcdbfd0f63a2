package org.rait.configfile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The syntax-neutral tree both parsers produce and both renderers consume: tables, lists and
 * scalar values (String, Long, Double, Boolean), each with the position it came from.
 * One binder maps this tree to the model, so both syntaxes give equal models and equal errors.
 */
sealed interface Node {
    Position position();

    /** A key in a table, with the position of the key itself. */
    record Field(String key, Position position, Node value) {
    }

    /** A table (a block in the block syntax); keys in file order. */
    record Table(Position position, Map<String, Field> fields) implements Node {
        public Table {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** A list: of tables (repeated blocks, [[array]] tables) or of scalars (["a", "b"]). */
    record ListNode(Position position, List<Node> items) implements Node {
        public ListNode {
            items = List.copyOf(items);
        }

        /** Repeated blocks ([[arrays of tables]] in TOML) rather than an inline list of scalars. */
        boolean holdsTables() {
            return !items.isEmpty() && items.get(0) instanceof Table;
        }
    }

    /** A string, integer (Long), float (Double) or boolean, or in TOML a date the binder rejects. */
    record Scalar(Position position, Object value) implements Node {
    }

    /** What an operator would call the type of the value, for "wrong type" messages. */
    static String describe(Node node) {
        if (node instanceof Table) return "a block";
        if (node instanceof ListNode list) {
            return !list.items().isEmpty() && list.items().get(0) instanceof Table ? "a block" : "a list";
        }
        Object v = ((Scalar) node).value();
        if (v instanceof String) return "a string";
        if (v instanceof Long) return "an integer";
        if (v instanceof Double) return "a number with a fraction";
        if (v instanceof Boolean) return "a boolean";
        if (v instanceof java.time.temporal.TemporalAccessor) return "a date or time";
        return "a " + v.getClass().getSimpleName();
    }
}
