package org.rait.agent;

import org.rait.fetch.FetchException;
import org.rait.fetch.FetchFailure;
import org.rait.fetch.FetchResult;
import org.rait.fetch.SnapshotFetcher;
import org.rait.trust.SnapshotRefused;
import org.rait.trust.TrustPolicy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/** The registry: fetch (conditional, retried) then the trust policy. */
public final class RemoteSource implements PeerSource {
    private final SnapshotFetcher fetcher;
    private final TrustPolicy trust;

    public RemoteSource(SnapshotFetcher fetcher, TrustPolicy trust) {
        this.fetcher = fetcher;
        this.trust = trust;
    }

    @Override
    public SourceOutcome obtain(Optional<String> etag, OptionalLong floor) {
        FetchResult result;
        try {
            result = fetcher.fetch(etag, trust.verifies());
        } catch (FetchException e) {
            if (e.failure() == FetchFailure.OVERSIZED || e.failure() == FetchFailure.MISMATCHED_PAIR
                    || e.failure() == FetchFailure.REDIRECT_REFUSED) {
                return new SourceOutcome.Refused(e.failure().label(), e.getMessage());
            }
            return new SourceOutcome.Unreachable(e.failure().label(), e.getMessage(), e.retryAfter());
        }
        if (result instanceof FetchResult.Changed changed) {
            long started = System.nanoTime();
            try {
                return new SourceOutcome.Fresh(trust.admit(changed.snapshot(), floor), Duration.ofNanos(System.nanoTime() - started));
            } catch (SnapshotRefused e) {
                return new SourceOutcome.Refused(e.reason(), e.getMessage());
            }
        }
        return new SourceOutcome.Unchanged();
    }

    @Override
    public String location() {
        return fetcher.url();
    }

    @Override
    public boolean unverifiedRemote() {
        return !trust.verifies();
    }
}
