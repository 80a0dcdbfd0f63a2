package org.rait.agent;

/** Formats one log line, {@code event=NAME key=value ...}, quoting values that contain spaces or quotes. */
final class KeyValues {
    private KeyValues() {
    }

    /** @param pairs key, value, key, value... */
    static String line(String event, Object... pairs) {
        if (pairs.length % 2 != 0) throw new IllegalArgumentException("key without a value in event " + event);
        StringBuilder line = new StringBuilder("event=").append(event);
        for (int i = 0; i < pairs.length; i += 2) {
            line.append(' ').append(pairs[i]).append('=').append(value(String.valueOf(pairs[i + 1])));
        }
        return line.toString();
    }

    private static String value(String text) {
        if (!text.isEmpty() && text.chars().noneMatch(c -> c == ' ' || c == '"' || c == '=' || c == '\n')) return text;
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
