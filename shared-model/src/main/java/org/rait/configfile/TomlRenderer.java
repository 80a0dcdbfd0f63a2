package org.rait.configfile;

/** Writes a tree as TOML: plain keys first, then [tables] and [[arrays of tables]] in model order. */
final class TomlRenderer {
    private TomlRenderer() {
    }

    static String render(Node.Table root) {
        StringBuilder out = new StringBuilder();
        table(root, "", out);
        return out.toString();
    }

    private static void table(Node.Table table, String path, StringBuilder out) {
        for (Node.Field field : table.fields().values()) {
            Node value = field.value();
            if (value instanceof Node.Scalar s) {
                out.append(field.key()).append(" = ").append(ValueText.of(s.value())).append('\n');
            } else if (value instanceof Node.ListNode list && !list.holdsTables()) {
                out.append(field.key()).append(" = ").append(ValueText.ofList(list)).append('\n');
            }
        }
        for (Node.Field field : table.fields().values()) {
            String name = path.isEmpty() ? field.key() : path + "." + field.key();
            Node value = field.value();
            if (value instanceof Node.Table t) {
                separate(out).append("[").append(name).append("]\n");
                table(t, name, out);
            } else if (value instanceof Node.ListNode list && list.holdsTables()) {
                for (Node item : list.items()) {
                    separate(out).append("[[").append(name).append("]]\n");
                    table((Node.Table) item, name, out);
                }
            }
        }
    }

    /** A blank line before each table header, except at the very start of the file. */
    private static StringBuilder separate(StringBuilder out) {
        return out.length() == 0 ? out : out.append('\n');
    }
}
