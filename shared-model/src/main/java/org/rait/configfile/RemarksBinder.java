package org.rait.configfile;

import org.rait.config.Remarks;

import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps a `remarks` block as written: any key, any value. The only things refused are the TOML ones the
 * block syntax cannot write (a quoted key that is not a name, a list of lists, a list mixing blocks and
 * values), so that both renderers give the same remarks back; a TOML date is kept as its text.
 */
final class RemarksBinder {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private RemarksBinder() {
    }

    /** Null when a value was refused; the problem is recorded then. */
    static Remarks bind(Node.Table table, String path, Problems problems) {
        Map<String, Object> entries = new LinkedHashMap<>();
        boolean complete = true;
        for (Node.Field field : table.fields().values()) {
            String key = path + "." + field.key();
            if (!NAME.matcher(field.key()).matches()) {
                problems.add(field.position(), key, "a remarks key is a name (letters, digits, '_' and '-', starting"
                        + " with a letter or '_'): the block syntax cannot write this one");
                complete = false;
                continue;
            }
            Object value = value(field.value(), key, problems);
            if (value == null) {
                complete = false;
            } else {
                entries.put(field.key(), value);
            }
        }
        return complete ? new Remarks(entries) : null;
    }

    private static Object value(Node node, String key, Problems problems) {
        if (node instanceof Node.Table table) return bind(table, key, problems);
        if (node instanceof Node.Scalar scalar) {
            return scalar.value() instanceof TemporalAccessor ? scalar.value().toString() : scalar.value();
        }
        Node.ListNode list = (Node.ListNode) node;
        // The block syntax gives a block written once as a list of one table.
        if (list.items().size() == 1 && list.holdsTables()) return bind((Node.Table) list.items().get(0), key, problems);
        List<Object> items = new ArrayList<>();
        for (Node item : list.items()) {
            boolean fits = list.holdsTables() ? item instanceof Node.Table : item instanceof Node.Scalar;
            if (!fits) {
                problems.add(item.position(), key, "a list of lists, or of blocks and values mixed, cannot be kept:"
                        + " the block syntax has no way to write it");
                return null;
            }
            items.add(value(item, key, problems));
        }
        return items.contains(null) ? null : items;
    }
}
