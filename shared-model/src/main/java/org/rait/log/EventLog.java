package org.rait.log;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The event log of rait and rait-registry: one line per event, {@code time=... level=... event=... key=value ...}, to
 * the operator's stream (the journal under systemd). Callers never pass secrets: no private key, no token.
 *
 * <p>One quoting rule for every value: written bare unless it is empty or holds a space, a quote, a backslash or a
 * control character; then it is put in double quotes with {@code \}, {@code "} and newlines escaped. {@code =} stays
 * bare (keys never contain one, so {@code peer=KEY=} reads unambiguously and greps as written).
 */
public final class EventLog {
    /** How much an event matters; debug events are written only when asked for. */
    public enum Level {
        DEBUG, INFO, WARN, ERROR;

        String spelling() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final EventLog STDERR = new EventLog(System.err, false);

    private final PrintStream out;
    private final boolean debug;
    private final Clock clock;

    public EventLog(PrintStream out, boolean debug) {
        this(out, debug, Clock.systemUTC());
    }

    public EventLog(PrintStream out, boolean debug, Clock clock) {
        this.out = out;
        this.debug = debug;
        this.clock = clock;
    }

    /** Writes nowhere. */
    public static EventLog quiet() {
        return new EventLog(new PrintStream(OutputStream.nullOutputStream()), false);
    }

    /** The process's stderr as it was at start: a command that captures System.err later does not get server events. */
    public static EventLog stderr() {
        return STDERR;
    }

    /** @param fields alternating keys and values */
    public void info(String event, Object... fields) {
        write(Level.INFO, event, List.of(fields));
    }

    /** Something the operator should look at; the run goes on. */
    public void warn(String event, Object... fields) {
        write(Level.WARN, event, List.of(fields));
    }

    /** Something failed. */
    public void error(String event, Object... fields) {
        write(Level.ERROR, event, List.of(fields));
    }

    public void debug(String event, Object... fields) {
        if (debug) write(Level.DEBUG, event, List.of(fields));
    }

    /** @param fields alternating keys and values, as a list (for fields that a model renders itself) */
    public void write(Level level, String event, List<?> fields) {
        if (level == Level.DEBUG && !debug) return;
        out.println(line(clock.instant(), level, event, fields));
    }

    static String line(Instant time, Level level, String event, List<?> fields) {
        return "time=" + time.truncatedTo(ChronoUnit.MILLIS) + " level=" + level.spelling() + " event=" + event
                + (fields.isEmpty() ? "" : " " + pairs(fields));
    }

    /** Alternating keys and values as {@code key=value key=value}, values quoted by the log's one rule. */
    public static String pairs(List<?> fields) {
        if (fields.size() % 2 != 0) throw new IllegalArgumentException("a key without a value in " + fields);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < fields.size(); i += 2) {
            if (i > 0) s.append(' ');
            s.append(fields.get(i)).append('=').append(value(String.valueOf(fields.get(i + 1))));
        }
        return s.toString();
    }

    /** One value by the log's quoting rule. */
    public static String value(String text) {
        if (bare(text)) return text;
        StringBuilder s = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> s.append("\\\\");
                case '"' -> s.append("\\\"");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) s.append(String.format("\\u%04x", (int) c));
                    else s.append(c);
                }
            }
        }
        return s.append('"').toString();
    }

    /** A plain loop: the registry's access log asks this for every value of every request. */
    private static boolean bare(String text) {
        if (text.isEmpty()) return false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '"' || c == '\\' || c < 0x20 || c == 0x7f) return false;
        }
        return true;
    }
}
