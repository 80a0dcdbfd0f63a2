package org.rait.log;

import java.time.Instant;

/**
 * An event's time as {@link Instant#toString()} writes it to the millisecond ({@code 2026-12-01T10:00:00.123Z},
 * no fraction on a whole second), computed from the epoch milliseconds here: the JDK's formatter builds every
 * one of its standard formats when first used, about 2 ms of a short command's start-up for its first log line.
 */
final class LogTime {
    private static final long MILLIS_PER_DAY = 86_400_000L;
    /** Days from 0000-03-01 to 1970-01-01: the calendar below counts years from March, leap day last. */
    private static final long DAYS_TO_EPOCH = 719_468;
    private static final long DAYS_PER_400_YEARS = 146_097;

    private LogTime() {
    }

    static String text(long epochMillis) {
        long days = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        int millisOfDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
        // Gregorian civil date of a day number (the era arithmetic of H. Hinnant's days_from_civil, inverted).
        long shifted = days + DAYS_TO_EPOCH;
        long era = Math.floorDiv(shifted, DAYS_PER_400_YEARS);
        long dayOfEra = shifted - era * DAYS_PER_400_YEARS;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthFromMarch = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
        int month = (int) (monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        // Instant writes other years with a sign or more digits; no clock of ours reads them.
        if (year < 0 || year > 9999) return Instant.ofEpochMilli(epochMillis).toString();
        StringBuilder s = new StringBuilder(24);
        digits(s, (int) year, 4).append('-');
        digits(s, month, 2).append('-');
        digits(s, day, 2).append('T');
        digits(s, millisOfDay / 3_600_000, 2).append(':');
        digits(s, millisOfDay / 60_000 % 60, 2).append(':');
        digits(s, millisOfDay / 1000 % 60, 2);
        if (millisOfDay % 1000 != 0) digits(s.append('.'), millisOfDay % 1000, 3);
        return s.append('Z').toString();
    }

    /** value (below 10^width) in width digits, zero-padded. */
    private static StringBuilder digits(StringBuilder s, int value, int width) {
        int scale = 1;
        for (int i = 1; i < width; i++) scale *= 10;
        for (; scale > 0; scale /= 10) s.append((char) ('0' + value / scale % 10));
        return s;
    }
}
