package org.rait.agent;

import org.rait.log.EventLog;
import org.rait.state.StateDirectory.SourceResult;
import org.rait.trust.RefusalReason;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Several URLs that serve the same signed snapshots (registries, static mirrors). Each pass asks them in a
 * random order until one has news or still serves what the agent holds; each URL has its own fetcher, so its
 * own backoff and circuit breaker. Trust is per snapshot, not per URL: one that serves an older serial than the
 * agent holds is stale, skipped and noted, never applied, and no error for the pass when it was the only news.
 */
public final class MirroredSource implements PeerSource {
    private final List<RemoteSource> sources;
    private final Random random;
    private final Clock clock;
    private final EventLog log;
    private final Consumer<List<SourceResult>> onResults;
    private final Map<String, SourceResult> results = new LinkedHashMap<>();
    private final Map<String, String> etags = new LinkedHashMap<>();

    public MirroredSource(List<RemoteSource> sources, Random random, Clock clock, EventLog log, Consumer<List<SourceResult>> onResults) {
        if (sources.isEmpty()) throw new IllegalArgumentException("a mirrored source needs at least one URL");
        this.sources = List.copyOf(sources);
        this.random = random;
        this.clock = clock;
        this.log = log;
        this.onResults = onResults;
    }

    @Override
    public synchronized SourceOutcome obtain(Optional<String> etag, OptionalLong floor) {
        List<RemoteSource> order = new ArrayList<>(sources);
        Collections.shuffle(order, random);
        SourceOutcome problem = null;
        boolean stale = false;
        try {
            for (RemoteSource source : order) {
                // Each server has its own ETags; a 304 from one means it has nothing newer than what it gave us.
                SourceOutcome outcome = source.obtain(Optional.ofNullable(etags.get(source.location())).or(() -> etag), floor);
                note(source.location(), outcome);
                if (outcome instanceof SourceOutcome.Fresh || outcome instanceof SourceOutcome.Unchanged) {
                    return outcome;
                }
                if (outcome instanceof SourceOutcome.Refused refused && refused.reason().equals(RefusalReason.ROLLBACK.label())) {
                    stale = true;
                    log.info("mirror_stale", "source", source.location(), "detail", refused.message());
                } else if (problem == null || problem instanceof SourceOutcome.Unreachable && outcome instanceof SourceOutcome.Refused) {
                    // A refusal (bad signature, oversized) says more than an unreachable URL: report it.
                    problem = outcome;
                }
            }
        } finally {
            onResults.accept(List.copyOf(results.values()));
        }
        // Only stale answers and unreachable URLs: keep what we hold, as if nothing changed.
        if (stale && !(problem instanceof SourceOutcome.Refused)) return new SourceOutcome.Unchanged();
        return problem;
    }

    private void note(String url, SourceOutcome outcome) {
        String result;
        if (outcome instanceof SourceOutcome.Fresh fresh) {
            result = "fresh";
            fresh.snapshot().etag().ifPresentOrElse(tag -> etags.put(url, tag), () -> etags.remove(url));
        } else if (outcome instanceof SourceOutcome.Unchanged) {
            result = "unchanged";
        } else if (outcome instanceof SourceOutcome.Refused refused) {
            result = refused.reason().equals(RefusalReason.ROLLBACK.label()) ? "stale" : "refused:" + refused.reason();
        } else {
            result = "unreachable:" + ((SourceOutcome.Unreachable) outcome).failure();
        }
        results.put(url, new SourceResult(url, result, clock.instant()));
    }

    @Override
    public String location() {
        return String.join(" ", sources.stream().map(RemoteSource::location).toList());
    }

    @Override
    public boolean unverifiedRemote() {
        return sources.get(0).unverifiedRemote();
    }

    public synchronized List<SourceResult> results() {
        return List.copyOf(results.values());
    }
}
