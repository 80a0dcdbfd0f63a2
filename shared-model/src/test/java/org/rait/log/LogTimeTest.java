package org.rait.log;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An event's time reads exactly as Instant.toString() writes it, to the millisecond. */
class LogTimeTest {
    private static void assertAsInstantWritesIt(long epochMillis) {
        assertEquals(Instant.ofEpochMilli(epochMillis).toString(), LogTime.text(epochMillis), "epoch ms " + epochMillis);
    }

    @Test
    void aWholeSecondHasNoFractionAndOtherwiseThreeDigits() {
        assertEquals("2026-12-01T10:00:00Z", LogTime.text(Instant.parse("2026-12-01T10:00:00Z").toEpochMilli()));
        assertEquals("2026-12-01T10:00:00.100Z", LogTime.text(Instant.parse("2026-12-01T10:00:00.1Z").toEpochMilli()));
        assertEquals("2026-12-01T10:00:00.007Z", LogTime.text(Instant.parse("2026-12-01T10:00:00.007Z").toEpochMilli()));
    }

    @Test
    void calendarEdgesReadAsInstantWritesThem() {
        for (String edge : new String[] {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "2000-02-29T12:00:00Z",
                "2000-03-01T00:00:00Z", "2100-02-28T23:59:59.999Z", "2100-03-01T00:00:00Z", "2400-02-29T00:00:00.001Z",
                "0000-01-01T00:00:00Z", "0000-03-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "2026-12-31T23:59:59.999Z"}) {
            long millis = Instant.parse(edge).toEpochMilli();
            for (long delta = -1; delta <= 1; delta++) assertAsInstantWritesIt(millis + delta);
        }
    }

    @Test
    void everyDayFrom1960To2200AndInstantsOfTenThousandYearsReadAsInstantWritesThem() {
        SplittableRandom random = new SplittableRandom(13);
        long to = Instant.parse("2200-12-31T23:59:59.999Z").toEpochMilli();
        for (long day = Instant.parse("1960-01-01T00:00:00Z").toEpochMilli(); day <= to; day += 86_400_000L) {
            assertAsInstantWritesIt(day + random.nextLong(86_400_000L));
        }
        long first = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
        long last = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        for (int i = 0; i < 50_000; i++) assertAsInstantWritesIt(random.nextLong(first, last + 1));
    }

    @Test
    void yearsOutsideFourDigitsAreLeftToInstant() {
        assertAsInstantWritesIt(Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli());
        assertAsInstantWritesIt(Instant.parse("-0001-12-31T23:59:59.5Z").toEpochMilli());
    }
}
