package org.rait.configfile;

import java.util.Objects;

/**
 * One thing wrong with a config file, with what an operator needs to find it.
 *
 * @param source where the text came from (a path, URL or "-")
 * @param key    the dotted key the problem is about (e.g. "transport.send_port"); "" for syntax errors
 */
public record ConfigProblem(String source, int line, int column, String key, String message) {
    public ConfigProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    static ConfigProblem at(String source, Position position, String key, String message) {
        return new ConfigProblem(source, position.line(), position.column(), key, message);
    }

    /** {@code file:line:column: key: message}, the shape compilers use, so editors can jump to it. */
    @Override
    public String toString() {
        return source + ":" + line + ":" + column + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
