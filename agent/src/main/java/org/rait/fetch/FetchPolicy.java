package org.rait.fetch;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and resilience settings of the peer-list fetch.
 *
 * @param connectTimeout     TCP/TLS connect timeout
 * @param readTimeout        longest silence while reading
 * @param callTimeout        the whole request, headers and body (a slow-drip body ends here)
 * @param maxBodyBytes       cap of peers.conf
 * @param maxSignatureBytes  cap of peers.conf.minisig
 * @param maxAttempts        attempts within one pass (1 = no retry)
 * @param initialBackoff     wait after the first failed attempt
 * @param backoffMultiplier  growth of the wait per attempt
 * @param maxBackoff         longest wait between attempts, also the cap of a server's Retry-After
 * @param jitter             random share (0..1) added to or removed from each wait, so nodes do not retry in step
 * @param breakerWindow      consecutive calls the circuit breaker looks at
 * @param breakerOpenFor     how long an open breaker refuses calls before letting one through
 * @param deadline           the whole fetch of one pass, every attempt and wait included: a registry that hangs
 *                           or drips costs a pass at most this long
 */
public record FetchPolicy(
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        long maxBodyBytes,
        int maxSignatureBytes,
        int maxAttempts,
        Duration initialBackoff,
        double backoffMultiplier,
        Duration maxBackoff,
        double jitter,
        int breakerWindow,
        Duration breakerOpenFor,
        Duration deadline) {

    /** The longest Retry-After ever honoured, whatever the policy (deploy/docs/agent.md). */
    public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

    /** Production defaults: a peer list of a few thousand nodes fits comfortably in 4 MiB. */
    public static final FetchPolicy DEFAULT = new FetchPolicy(
            Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(60),
            4L << 20, 4096,
            4, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(60), 0.5,
            10, Duration.ofMinutes(2), Duration.ofSeconds(60));

    /**
     * The defaults, with waits scaled to the agent's interval so that a pass's retries fit within it and an
     * open breaker lets a request through after at most two intervals: a short interval (tests, small meshes)
     * recovers quickly when the registry is back, a long one keeps a dead registry from being hammered.
     */
    public static FetchPolicy forInterval(Duration interval) {
        Duration maxBackoff = min(DEFAULT.maxBackoff(), dividedBy(interval, 2));
        Duration initial = max(Duration.ofMillis(10), min(DEFAULT.initialBackoff(), dividedBy(maxBackoff, 8)));
        Duration openFor = max(Duration.ofSeconds(1), min(DEFAULT.breakerOpenFor(), interval.multipliedBy(2)));
        return new FetchPolicy(DEFAULT.connectTimeout(), DEFAULT.readTimeout(), DEFAULT.callTimeout(), DEFAULT.maxBodyBytes(),
                DEFAULT.maxSignatureBytes(), DEFAULT.maxAttempts(), initial, DEFAULT.backoffMultiplier(), max(initial, maxBackoff),
                DEFAULT.jitter(), DEFAULT.breakerWindow(), openFor, max(Duration.ofSeconds(1), min(DEFAULT.deadline(), interval)));
    }

    /**
     * How much of a server's Retry-After is honoured: no longer than the longest wait the agent would choose
     * itself (its longest backoff, or an open breaker's wait), and never beyond {@link #MAX_RETRY_AFTER}; a
     * single answer must not stop polling (and so revocations) for good.
     */
    public Duration retryAfterCap() {
        return min(MAX_RETRY_AFTER, max(maxBackoff, breakerOpenFor));
    }

    /** The same with another number of attempts per pass. */
    public FetchPolicy withMaxAttempts(int attempts) {
        return new FetchPolicy(connectTimeout, readTimeout, callTimeout, maxBodyBytes, maxSignatureBytes, attempts, initialBackoff,
                backoffMultiplier, maxBackoff, jitter, breakerWindow, breakerOpenFor, deadline);
    }

    /**
     * d / by, truncated as {@link Duration#dividedBy(long)} does, in nanoseconds (d below 292 years; an interval is at
     * most 2^31 s): Duration's own division goes through BigDecimal, whose first use costs a short command ~0.5 ms.
     */
    private static Duration dividedBy(Duration d, long by) {
        return Duration.ofNanos(d.toNanos() / by);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public FetchPolicy {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(breakerOpenFor, "breakerOpenFor");
        Objects.requireNonNull(deadline, "deadline");
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        if (jitter < 0 || jitter >= 1) throw new IllegalArgumentException("jitter must be in [0, 1)");
        if (backoffMultiplier < 1) throw new IllegalArgumentException("backoffMultiplier must be at least 1");
        if (breakerWindow < 1) throw new IllegalArgumentException("breakerWindow must be at least 1");
    }
}
