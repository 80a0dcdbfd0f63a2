package org.rait.log;

import java.io.PrintStream;

/** One line per event, key=value, to the operator's stream. Debug lines only when asked for. */
public final class EventLog {
    private final PrintStream out;
    private final boolean debug;

    public EventLog(PrintStream out, boolean debug) {
        this.out = out;
        this.debug = debug;
    }

    public static EventLog quiet() {
        return new EventLog(new PrintStream(java.io.OutputStream.nullOutputStream()), false);
    }

    public void info(String keyValues) {
        out.println(keyValues);
    }

    public void debug(String keyValues) {
        if (debug) out.println(keyValues);
    }

    public boolean debugEnabled() {
        return debug;
    }
}
