package org.rait.testing;

import org.rait.log.EventLog;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** An event log that keeps what it is told, for tests that say which events a run logged. */
public final class LogCapture {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final EventLog log;

    public LogCapture() {
        this(false);
    }

    public LogCapture(boolean debug) {
        this.log = new EventLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), debug);
    }

    public EventLog log() {
        return log;
    }

    /** Everything logged so far, as written. */
    public String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The lines without their time field, which no test can know: {@code level=info event=... key=value}. */
    public List<String> lines() {
        return text().lines().map(l -> l.replaceFirst("^time=\\S+ ", "")).toList();
    }
}
