package org.rait.configfile;

import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses genuine TOML with tomlj and converts it into the positioned {@link Node} tree. */
final class TomlReader {
    private TomlReader() {
    }

    static Node.Table parse(String text, String source) throws ConfigException {
        TomlParseResult result;
        try {
            result = Toml.parse(text);
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            // tomlj reports errors as values, but some malformed input trips its internal assertions
            // (found by HostileInputPropertiesTest: an unfinished unicode escape in a table name);
            // the caller still gets a config problem.
            throw new ConfigException(List.of(ConfigProblem.at(source, Position.START, "", "cannot parse as TOML")));
        }
        if (result.hasErrors()) {
            Problems problems = new Problems(source);
            for (TomlParseError error : result.errors()) {
                problems.add(position(error.position(), Position.START), "", error.getMessage());
            }
            problems.throwIfAny();
        }
        return table(result, Position.START);
    }

    private static Node.Table table(TomlTable table, Position position) {
        Map<String, Node.Field> fields = new LinkedHashMap<>();
        for (String key : table.keySet()) {
            List<String> path = List.of(key);
            Position at = position(table.inputPositionOf(path), position);
            fields.put(key, new Node.Field(key, at, node(table.get(path), at)));
        }
        return new Node.Table(position, fields);
    }

    private static Node node(Object value, Position at) {
        if (value instanceof TomlTable t) return table(t, at);
        if (value instanceof TomlArray array) {
            List<Node> items = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                items.add(node(array.get(i), position(array.inputPositionOf(i), at)));
            }
            return new Node.ListNode(at, items);
        }
        return new Node.Scalar(at, value);
    }

    private static Position position(TomlPosition position, Position fallback) {
        return position == null ? fallback : new Position(position.line(), position.column());
    }
}
