package org.rait.log;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one line format and the one quoting rule of every rait and rait-registry event. */
class EventLogTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00.123456Z"), ZoneOffset.UTC);

    private EventLog log(boolean debug) {
        return new EventLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), debug, clock);
    }

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLineStartsWithTimeInMillisecondsThenLevelThenEvent() {
        log(false).info("recap", "ok", 3, "changed", 0);

        assertEquals("time=2026-12-01T10:00:00.123Z level=info event=recap ok=3 changed=0\n", written());
    }

    @Test
    void levelsAreSpelledInLowerCase() {
        EventLog log = log(false);
        log.warn("held");
        log.error("failed", "ifname", "rait6x1");

        assertEquals(List.of("time=2026-12-01T10:00:00.123Z level=warn event=held",
                "time=2026-12-01T10:00:00.123Z level=error event=failed ifname=rait6x1"), written().lines().toList());
    }

    @Test
    void debugEventsAreWrittenOnlyWhenAskedFor() {
        log(false).debug("writes", "count", 0);
        assertEquals("", written());

        log(true).debug("writes", "count", 0);
        assertEquals("time=2026-12-01T10:00:00.123Z level=debug event=writes count=0\n", written());
    }

    @Test
    void valuesWithoutSpacesQuotesOrControlCharactersStayBareEvenWithEqualsSigns() {
        assertEquals("peer=rCOdBo/VRxc2ulTM3TzQ9UmHYRAGR4mkN15rs7rmMiY= reply=bad",
                EventLog.pairs(List.of("peer", "rCOdBo/VRxc2ulTM3TzQ9UmHYRAGR4mkN15rs7rmMiY=", "reply", "bad")));
    }

    @Test
    void otherValuesAreQuotedWithBackslashQuoteAndNewlineEscaped() {
        assertEquals("\"\"", EventLog.value(""));
        assertEquals("\"no such device\"", EventLog.value("no such device"));
        assertEquals("\"interface \\\"x\\\" type wired\"", EventLog.value("interface \"x\" type wired"));
        assertEquals("\"C:\\\\dir\"", EventLog.value("C:\\dir"));
        assertEquals("\"line one\\nline two\"", EventLog.value("line one\nline two"));
        assertEquals("\"bell\\u0007\"", EventLog.value("bell\u0007"));
    }

    @Test
    void aKeyWithoutAValueIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> log(false).info("x", "lonely"));
    }
}
