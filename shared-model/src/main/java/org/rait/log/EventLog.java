package org.rait.log;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
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
        StringBuilder s = new StringBuilder(160).append("time=").append(timeText(time))
                .append(" level=").append(level.spelling()).append(" event=").append(event);
        if (!fields.isEmpty()) pairs(fields, s.append(' '));
        return s.toString();
    }

    /** Alternating keys and values as {@code key=value key=value}, values quoted by the log's one rule. */
    public static String pairs(List<?> fields) {
        return pairs(fields, new StringBuilder()).toString();
    }

    private static StringBuilder pairs(List<?> fields, StringBuilder s) {
        if (fields.size() % 2 != 0) throw new IllegalArgumentException("a key without a value in " + fields);
        for (int i = 0; i < fields.size(); i += 2) {
            if (i > 0) s.append(' ');
            s.append(fields.get(i)).append('=');
            Object value = fields.get(i + 1);
            // A whole number is always written bare: appended as it is, without making its text first.
            if (value instanceof Integer || value instanceof Long) {
                s.append(((Number) value).longValue());
            } else {
                s.append(value(String.valueOf(value)));
            }
        }
        return s;
    }

    /** The last millisecond written and its text. */
    private record Stamp(long millis, String text) {
    }

    private static volatile Stamp lastStamp = new Stamp(Long.MIN_VALUE, "");

    /**
     * The time to the millisecond, as {@link Instant#toString()} writes it ({@link LogTime}). A busy registry logs
     * many requests within one millisecond; formatting the date each time was a tenth of a 304's cost.
     */
    private static String timeText(Instant time) {
        long millis = time.toEpochMilli();
        Stamp last = lastStamp;
        if (last.millis() == millis) return last.text();
        String text = LogTime.text(millis);
        lastStamp = new Stamp(millis, text);
        return text;
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
