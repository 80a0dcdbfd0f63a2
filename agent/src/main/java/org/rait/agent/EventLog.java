package org.rait.agent;

import java.io.PrintStream;
import java.time.Clock;
import java.util.function.Consumer;

/** One line per event, key=value, values with spaces quoted. Never give it a private key. */
public final class EventLog {
    private final Consumer<String> sink;
    private final Clock clock;

    public EventLog(Consumer<String> sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    public static EventLog to(PrintStream out, Clock clock) {
        return new EventLog(out::println, clock);
    }

    /** @param pairs key, value, key, value... */
    public void event(String name, Object... pairs) {
        if (pairs.length % 2 != 0) throw new IllegalArgumentException("key without a value in event " + name);
        StringBuilder line = new StringBuilder("time=").append(clock.instant()).append(" event=").append(name);
        for (int i = 0; i < pairs.length; i += 2) {
            line.append(' ').append(pairs[i]).append('=').append(value(String.valueOf(pairs[i + 1])));
        }
        sink.accept(line.toString());
    }

    private static String value(String text) {
        if (!text.isEmpty() && text.chars().noneMatch(c -> c == ' ' || c == '"' || c == '=' || c == '\n')) return text;
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
