package org.rait.configfile;

/** Writes a tree in RAIT's block syntax (two-space indent), which the original Go tool reads. */
final class BlockRenderer {
    private static final String INDENT = "  ";

    private BlockRenderer() {
    }

    static String render(Node.Table root) {
        StringBuilder out = new StringBuilder();
        fields(root, "", out);
        return out.toString();
    }

    private static void fields(Node.Table table, String indent, StringBuilder out) {
        for (Node.Field field : table.fields().values()) {
            Node value = field.value();
            if (value instanceof Node.Table t) {
                block(field.key(), t, indent, out);
            } else if (value instanceof Node.ListNode list && list.holdsTables()) {
                for (Node item : list.items()) block(field.key(), (Node.Table) item, indent, out);
            } else if (value instanceof Node.ListNode list) {
                out.append(indent).append(field.key()).append(" = ").append(ValueText.ofList(list)).append('\n');
            } else {
                out.append(indent).append(field.key()).append(" = ").append(ValueText.of(((Node.Scalar) value).value()))
                        .append('\n');
            }
        }
    }

    private static void block(String key, Node.Table table, String indent, StringBuilder out) {
        out.append(indent).append(key).append(" {\n");
        fields(table, indent + INDENT, out);
        out.append(indent).append("}\n");
    }
}
