package org.rait.agent;

import org.rait.trust.RefusalReason;
import org.rait.trust.TrustedSnapshot;

import java.time.Duration;
import java.util.Optional;

/** What asking the peer source for news gave. Only {@link Fresh} may change the tunnels. */
public sealed interface SourceOutcome {
    /** A snapshot that passed the trust policy; {@code verified} is how long checking it took. */
    record Fresh(TrustedSnapshot snapshot, Duration verified) implements SourceOutcome {
        /** A snapshot taken as it is (a local file): no time spent verifying. */
        public Fresh(TrustedSnapshot snapshot) {
            this(snapshot, Duration.ZERO);
        }
    }

    /** The source still serves what we hold (HTTP 304). */
    record Unchanged() implements SourceOutcome {
    }

    /** No answer worth reading: connection, timeout, server error, breaker open. */
    record Unreachable(String failure, String message, Optional<Duration> retryAfter) implements SourceOutcome {
    }

    /** An answer that the trust policy (or the size cap) refused. */
    record Refused(String reason, String message) implements SourceOutcome {
        public Refused(RefusalReason reason, String message) {
            this(reason.label(), message);
        }
    }
}
