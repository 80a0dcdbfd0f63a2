package org.rait.agent;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PassTimesTest {
    @Test
    void phaseTimesAreMillisecondsWithTwoDecimalsRoundedHalfUpAsStringFormatPrintsThem() {
        long[] edges = {0, 1, 4_999, 5_000, 9_999, 10_000, 15_000, 25_000, 994_999, 995_000, 1_000_000, 12_345_678,
                999_995_000, 16_287_904_999L, 86_400_000_000_000L};
        for (long nanos : edges) assertEquals(String.format(Locale.ROOT, "%.2f", nanos / 1e6), PassTimes.millis(nanos), "at " + nanos);
        Random random = new Random(13);
        for (int i = 0; i < 100_000; i++) {
            long nanos = random.nextInt(4) == 0 ? random.nextInt(100_000) * 5_000L : (long) (random.nextDouble() * 60e9);
            assertEquals(String.format(Locale.ROOT, "%.2f", nanos / 1e6), PassTimes.millis(nanos), "at " + nanos);
        }
    }
}
