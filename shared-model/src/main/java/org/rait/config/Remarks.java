package org.rait.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The free-form `remarks { ... }` block of RAIT v3: notes for the operator's own tooling (`rait remarks KEY`),
 * kept as written and never validated beyond syntax. A value is a String, Long, Double, Boolean, a List of
 * values, or a nested Remarks block; keys keep their file order.
 */
public record Remarks(Map<String, Object> entries) {
    public static final Remarks NONE = new Remarks(Map.of());

    public Remarks {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : entries.entrySet()) {
            copy.put(Objects.requireNonNull(entry.getKey(), "key"), checked(entry.getValue()));
        }
        entries = Collections.unmodifiableMap(copy);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * The value under KEY; a dotted KEY descends into nested blocks when no key is spelled with the dot
     * itself ({@code contact.mail} finds {@code contact { mail = "..." }}).
     */
    public Optional<Object> get(String key) {
        if (entries.containsKey(key)) return Optional.of(entries.get(key));
        int dot = key.indexOf('.');
        while (dot > 0) {
            if (entries.get(key.substring(0, dot)) instanceof Remarks nested) {
                Optional<Object> found = nested.get(key.substring(dot + 1));
                if (found.isPresent()) return found;
            }
            dot = key.indexOf('.', dot + 1);
        }
        return Optional.empty();
    }

    private static Object checked(Object value) {
        if (value instanceof List<?> list) return list.stream().map(Remarks::checked).toList();
        if (value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean
                || value instanceof Remarks) {
            return value;
        }
        throw new IllegalArgumentException("a remark is a string, number, boolean, list or block, not "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }
}
