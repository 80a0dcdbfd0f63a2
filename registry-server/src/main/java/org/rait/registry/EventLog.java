package org.rait.registry;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** One line per event, key=value, to stderr (the journal). Callers never pass secrets. */
public final class EventLog {
    /** The process's stderr as it was at start; a command that captures System.err later does not get server events. */
    private static final PrintStream OUT = System.err;

    private EventLog() {
    }

    /** @param fields alternating keys and values */
    public static void event(String event, Object... fields) {
        StringBuilder line = new StringBuilder("time=").append(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .append(" event=").append(event);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            line.append(' ').append(fields[i]).append('=').append(quoted(String.valueOf(fields[i + 1])));
        }
        OUT.println(line);
    }

    private static String quoted(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> c == ' ' || c == '"' || c == '=' || c < 0x20)) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
