package org.rait.configfile;

import java.util.stream.Collectors;

/** Scalars spelled so that both the block syntax and TOML read them back to the same value. */
final class ValueText {
    private ValueText() {
    }

    static String of(Object value) {
        if (value instanceof String s) return quoted(s);
        if (value instanceof Double d) return Double.toString(d);
        return String.valueOf(value);
    }

    /** An inline list of scalars, {@code [a, b]}: the same in both syntaxes. */
    static String ofList(Node.ListNode list) {
        return list.items().stream().map(i -> of(((Node.Scalar) i).value())).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A double-quoted string; quotes, backslashes and control characters are escaped. */
    static String quoted(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\t': out.append("\\t"); break;
                case '\r': out.append("\\r"); break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }
}
