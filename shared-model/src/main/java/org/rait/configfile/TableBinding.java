package org.rait.configfile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads typed values out of one table for a binder, reporting wrong types, missing and out-of-range
 * values, and (at {@link #rejectUnknownKeys()}) keys nobody asked for. A getter returns null when the
 * value is missing-and-required or invalid; the problem is already recorded then. Public for the binders
 * of other programs' files (the registry's), through {@link ConfigFiles#bind}.
 */
public final class TableBinding {
    private final Node.Table table;
    /** The table this one is a key of (null at the top), and that key; the top's whole path when there is no parent. */
    private final TableBinding parent;
    private final String name;
    /** Made when a problem or a child first needs it: a peer list binds two tables a peer and has no problem. */
    private String path;
    private final Problems problems;
    private final Set<String> used = new HashSet<>();

    TableBinding(Node.Table table, String path, Problems problems) {
        this(table, null, path, problems);
    }

    private TableBinding(Node.Table table, TableBinding parent, String name, Problems problems) {
        this.table = table;
        this.parent = parent;
        this.name = name;
        this.problems = problems;
    }

    public Position position() {
        return table.position();
    }

    /** The table as parsed, for a block whose keys are free (remarks). */
    Node.Table node() {
        return table;
    }

    public String keyName(String key) {
        if (path == null) path = parent == null ? name : parent.keyName(name);
        return path.isEmpty() ? key : path + "." + key;
    }

    public Position positionOf(String key) {
        Node.Field field = table.fields().get(key);
        return field == null ? table.position() : field.position();
    }

    public boolean has(String key) {
        return table.fields().containsKey(key);
    }

    /** The key is present and holds a list of values (repeated blocks are not one). */
    boolean isList(String key) {
        Node.Field field = table.fields().get(key);
        if (field == null || !(field.value() instanceof Node.ListNode list)) return false;
        for (Node item : list.items()) if (item instanceof Node.Table) return false;
        return true;
    }

    public void problem(String key, String message) {
        problems.add(positionOf(key), keyName(key), message);
    }

    public String string(String key, String fallback) {
        Object value = scalar(key, String.class, "a string");
        return value == null ? (has(key) ? null : fallback) : (String) value;
    }

    public String requiredString(String key) {
        Node.Field field = present(key);
        return field == null ? null : (String) value(key, field, String.class, "a string");
    }

    public Boolean bool(String key, boolean fallback) {
        Object value = scalar(key, Boolean.class, "true or false");
        return value == null ? (has(key) ? null : fallback) : (Boolean) value;
    }

    public Long integer(String key, long fallback, long min, long max) {
        if (!has(key)) {
            used.add(key);
            return fallback;
        }
        return requiredInteger(key, min, max);
    }

    public Long requiredInteger(String key, long min, long max) {
        Node.Field field = present(key);
        if (field == null) return null;
        Long value = (Long) value(key, field, Long.class, "an integer");
        if (value == null) return null;
        if (value < min || value > max) {
            problem(key, "must be between " + min + " and " + max + ", got " + value);
            return null;
        }
        return value;
    }

    /** A number that may have a fraction; integers are accepted too. */
    public Double number(String key, double fallback, double min, double max) {
        used.add(key);
        Node.Field field = table.fields().get(key);
        if (field == null) return fallback;
        if (field.value() instanceof Node.Scalar s && (s.value() instanceof Long || s.value() instanceof Double)) {
            double value = ((Number) s.value()).doubleValue();
            if (!(value >= min && value <= max)) {
                problem(key, "must be between " + min + " and " + max + ", got " + s.value());
                return null;
            }
            return value;
        }
        problem(key, "must be a number, got " + Node.describe(field.value()));
        return null;
    }

    /** One of the spellings {@code parse} accepts; its IllegalArgumentException message is reported. */
    public <T> T choice(String key, T fallback, Function<String, T> parse) {
        String text = string(key, null);
        if (text == null) return has(key) ? null : fallback;
        return parsed(key, text, parse);
    }

    public <T> T requiredChoice(String key, Function<String, T> parse) {
        String text = requiredString(key);
        return text == null ? null : parsed(key, text, parse);
    }

    private <T> T parsed(String key, String text, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            // The model's parse messages start with the key; the problem already names it.
            problem(key, message.startsWith(key + " ") ? message.substring(key.length() + 1) : message);
            return null;
        }
    }

    /** A list of strings; an absent key gives the empty list. */
    public List<String> strings(String key) {
        used.add(key);
        Node.Field field = table.fields().get(key);
        if (field == null) return List.of();
        if (!(field.value() instanceof Node.ListNode list)) {
            problem(key, "must be a list of strings, got " + Node.describe(field.value()));
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Node item : list.items()) {
            if (item instanceof Node.Scalar s && s.value() instanceof String text) {
                out.add(text);
            } else {
                problems.add(item.position(), keyName(key), "must be a list of strings, it holds " + Node.describe(item));
                return null;
            }
        }
        return out;
    }

    /** Zero or more tables: repeated blocks or a TOML array of tables (a single table counts as one). */
    public List<TableBinding> tables(String key) {
        used.add(key);
        Node.Field field = table.fields().get(key);
        if (field == null) return List.of();
        List<TableBinding> out = new ArrayList<>();
        if (field.value() instanceof Node.Table t) {
            out.add(new TableBinding(t, this, key, problems));
        } else if (field.value() instanceof Node.ListNode list) {
            for (Node item : list.items()) {
                if (item instanceof Node.Table t) {
                    out.add(new TableBinding(t, this, key, problems));
                } else {
                    problems.add(item.position(), keyName(key), "must be a block, got " + Node.describe(item));
                }
            }
        } else {
            problem(key, "must be a block, got " + Node.describe(field.value()));
        }
        return out;
    }

    /** At most one table; a block given twice is a problem at the second one. */
    public Optional<TableBinding> table(String key) {
        List<TableBinding> all = tables(key);
        for (int i = 1; i < all.size(); i++) {
            problems.add(all.get(i).position(), keyName(key), "block given more than once (first at " + all.get(0).position() + ")");
        }
        // not all.stream().findFirst(): at rait.conf's first block that would be the run's first stream
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** At most one table; an absent one reads as an empty table, so that each of its keys takes its default. */
    public TableBinding section(String key) {
        return table(key).orElseGet(() -> new TableBinding(new Node.Table(positionOf(key), Map.of()), this, key, problems));
    }

    /** Like {@link #rejectUnknownKeys()}, and the problem lists the keys this table has. */
    public void rejectUnknownKeysListingKnown() {
        reject(" (known here: " + String.join(", ", new TreeSet<>(used)) + ")");
    }

    /** Every key of this table nobody read is a problem (a typo must not be silently ignored). */
    public void rejectUnknownKeys() {
        reject("");
    }

    private void reject(String hint) {
        for (Node.Field field : table.fields().values()) {
            if (!used.contains(field.key())) {
                problems.add(field.position(), keyName(field.key()), "unknown key" + hint);
            }
        }
    }

    /** The key's field, marked as read; null, and a problem, when it is missing (one lookup: a peer has three such keys). */
    private Node.Field present(String key) {
        used.add(key);
        Node.Field field = table.fields().get(key);
        if (field == null) problems.add(table.position(), keyName(key), "missing (required)");
        return field;
    }

    private Object scalar(String key, Class<?> type, String expected) {
        used.add(key);
        Node.Field field = table.fields().get(key);
        return field == null ? null : value(key, field, type, expected);
    }

    private Object value(String key, Node.Field field, Class<?> type, String expected) {
        if (field.value() instanceof Node.Scalar s && type.isInstance(s.value())) return s.value();
        problem(key, "must be " + expected + ", got " + Node.describe(field.value()));
        return null;
    }
}
