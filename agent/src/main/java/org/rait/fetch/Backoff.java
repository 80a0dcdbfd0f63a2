package org.rait.fetch;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before attempt n+1: exponential with jitter, or what the server asked for with
 * Retry-After when it asked for more.
 */
final class Backoff {
    private final FetchPolicy policy;
    private final DoubleSupplier random;

    Backoff(FetchPolicy policy, DoubleSupplier random) {
        this.policy = policy;
        this.random = random;
    }

    /** @param failedAttempts attempts made so far (1 after the first failure) */
    Duration after(int failedAttempts, Optional<Duration> retryAfter) {
        double base = policy.initialBackoff().toMillis() * Math.pow(policy.backoffMultiplier(), failedAttempts - 1);
        double capped = Math.min(base, policy.maxBackoff().toMillis());
        double spread = 1 + policy.jitter() * (2 * random.getAsDouble() - 1);
        long ours = Math.round(capped * spread);
        long asked = retryAfter.map(Duration::toMillis).orElse(0L);
        return Duration.ofMillis(Math.max(ours, asked));
    }

    /** A Retry-After beyond our longest wait ends the pass's retries; the next pass honours it instead. */
    boolean allowsRetryWithinPass(Optional<Duration> retryAfter) {
        return retryAfter.map(d -> d.compareTo(policy.maxBackoff()) <= 0).orElse(true);
    }
}
