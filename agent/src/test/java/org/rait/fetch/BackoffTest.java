package org.rait.fetch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {
    private static final FetchPolicy POLICY = new FetchPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
            1024, 1024, 5, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30), 0.5, 5, Duration.ofMinutes(1), Duration.ofMinutes(1));

    @Test
    void waitsDoubleFromTheInitialBackoffUpToTheCap() {
        Backoff middle = new Backoff(POLICY, () -> 0.5);
        assertEquals(Duration.ofSeconds(2), middle.after(1, Optional.empty()));
        assertEquals(Duration.ofSeconds(4), middle.after(2, Optional.empty()));
        assertEquals(Duration.ofSeconds(8), middle.after(3, Optional.empty()));
        assertEquals(Duration.ofSeconds(30), middle.after(10, Optional.empty()));
    }

    @Test
    void jitterSpreadsTheWaitByTheConfiguredShare() {
        assertEquals(Duration.ofSeconds(1), new Backoff(POLICY, () -> 0.0).after(1, Optional.empty()));
        assertEquals(Duration.ofMillis(2500), new Backoff(POLICY, () -> 0.75).after(1, Optional.empty()));
    }

    @Test
    void aLongerRetryAfterWins() {
        Backoff backoff = new Backoff(POLICY, () -> 0.5);
        assertEquals(Duration.ofSeconds(7), backoff.after(1, Optional.of(Duration.ofSeconds(7))));
        assertEquals(Duration.ofSeconds(2), backoff.after(1, Optional.of(Duration.ofSeconds(1))));
    }

    @Test
    void aRetryAfterBeyondTheLongestWaitIsLeftToTheNextPass() {
        Backoff backoff = new Backoff(POLICY, () -> 0.5);
        assertTrue(backoff.allowsRetryWithinPass(Optional.of(Duration.ofSeconds(30))));
        assertFalse(backoff.allowsRetryWithinPass(Optional.of(Duration.ofSeconds(31))));
    }

    @Test
    void retriesAndTheOpenBreakerScaleDownWithAShortInterval() {
        FetchPolicy everySecond = FetchPolicy.forInterval(Duration.ofSeconds(1));
        assertEquals(Duration.ofMillis(500), everySecond.maxBackoff());
        assertEquals(Duration.ofMillis(62), everySecond.initialBackoff().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertEquals(Duration.ofSeconds(2), everySecond.breakerOpenFor());

        FetchPolicy hourly = FetchPolicy.forInterval(Duration.ofHours(1));
        assertEquals(FetchPolicy.DEFAULT, hourly);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse("120", now));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Thu, 26 Nov 2026 12:01:30 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Thu, 26 Nov 2026 11:00:00 GMT", now));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", now));
        assertEquals(Optional.empty(), RetryAfter.parse(null, now));
    }
}
