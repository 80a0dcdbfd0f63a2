package org.rait.agent;

import org.rait.config.AgentSettings;
import org.rait.config.RaitConfig;
import org.rait.fetch.FetchPolicy;
import org.rait.fetch.SnapshotFetcher;
import org.rait.log.EventLog;
import org.rait.metrics.AgentMetrics;
import org.rait.metrics.PassMetrics;
import org.rait.plan.EndpointResolver;
import org.rait.registration.CertificatePin;
import org.rait.snapshot.MinisignFormatException;
import org.rait.snapshot.MinisignPublicKey;
import org.rait.state.StateDirectory;
import org.rait.trust.TrustPolicy;
import org.rait.tunnels.KnownState;
import org.rait.tunnels.Progress;
import org.rait.tunnels.Tunnels;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Optional;

/**
 * The agent's parts wired from rait.conf: where the peer list comes from and how it is trusted, the state
 * directory, the metrics, and the pass that uses them. The kernel side (tunnels, babeld) is handed in, so that
 * tests can put a fake there while everything else stays real.
 */
public final class Agent implements AutoCloseable {
    private final AgentPass pass;
    private final TrustPolicy trust;
    private final Optional<AgentMetrics> metrics;
    private final List<SnapshotFetcher> fetchers;

    private Agent(AgentPass pass, TrustPolicy trust, Optional<AgentMetrics> metrics, List<SnapshotFetcher> fetchers) {
        this.pass = pass;
        this.trust = trust;
        this.metrics = metrics;
        this.fetchers = List.copyOf(fetchers);
    }

    /**
     * How the commands that run the pass differ.
     *
     * @param singleRun  one pass and exit (`rait up`, `rait agent --once`, `rait down`): stdin may be the peer list
     * @param dnsTimeout deadline for resolving all endpoint names of a pass together
     * @param progress   shown while a long apply runs
     */
    public record Run(boolean singleRun, Duration dnsTimeout, Progress progress) {
        /** The agent loop: passes until stopped, nothing on a terminal. */
        public static Run loop(Duration dnsTimeout) {
            return new Run(false, dnsTimeout, Progress.none());
        }
    }

    /**
     * @param tlsPin the registry's TLS key when its certificate is self-signed
     * @throws UntrustedSource when the peers URL is remote, verification is on and no key is pinned
     */
    public static Agent assemble(RaitConfig config, Run run, Tunnels tunnels, List<AfterApply> afterApply, PeerListParser parser,
                                 FetchPolicy policy, Optional<CertificatePin> tlsPin, Clock clock, EventLog log) {
        AgentSettings settings = config.agent();
        Optional<AgentMetrics> exported = run.singleRun() ? Optional.empty() : Optional.of(new AgentMetrics());
        PassMetrics metrics = exported.isPresent() ? exported.get() : PassMetrics.NONE;
        PeerSource source;
        TrustPolicy trust;
        List<SnapshotFetcher> fetchers = new ArrayList<>();
        Optional<StateDirectory> state = Optional.empty();
        if (config.peerUrls().size() > 1) {
            trust = remoteTrust(config.peers(), settings, clock);
            StateDirectory dir = new StateDirectory(Path.of(settings.stateDir()));
            state = Optional.of(dir);
            // The other URLs are the retry: one attempt each per pass; each URL's breaker is its backoff.
            FetchPolicy once = policy.withMaxAttempts(1);
            List<RemoteSource> mirrors = new ArrayList<>();
            for (String url : config.peerUrls()) {
                SnapshotFetcher f = new SnapshotFetcher(url, once, tlsPin, clock, metrics::fetchAttempt);
                fetchers.add(f);
                mirrors.add(new RemoteSource(f, trust));
            }
            source = new MirroredSource(mirrors, new Random(), clock, log, results -> {
                dir.recordSources(results);
                metrics.sources(results);
            });
        } else if (isRemote(config.peers())) {
            trust = remoteTrust(config.peers(), settings, clock);
            SnapshotFetcher f = new SnapshotFetcher(config.peers(), policy, tlsPin, clock, metrics::fetchAttempt);
            fetchers.add(f);
            source = new RemoteSource(f, trust);
            state = Optional.of(new StateDirectory(Path.of(settings.stateDir())));
        } else if (config.peers().equals("-")) {
            if (!run.singleRun()) {
                throw new UntrustedSource("rait agent reads the peer list again at every pass; stdin ('-') cannot be read twice");
            }
            trust = TrustPolicy.unverified(clock);
            source = LocalSource.stdin();
        } else {
            trust = TrustPolicy.unverified(clock);
            source = new LocalSource(Path.of(config.peers()));
        }
        // The running agent keeps what it saw between passes (link events keep it current); a single run looks afresh.
        Optional<KnownState> known = run.singleRun() ? Optional.empty()
                : Optional.of(new KnownState(config.isolation().ifgroup(), Duration.ofSeconds(settings.observeInterval())));
        AgentPass pass = new AgentPass(config, source, parser, EndpointResolver.system(run.dnsTimeout()), tunnels, afterApply,
                state, metrics, log, clock, run.progress(), known);
        return new Agent(pass, trust, exported, fetchers);
    }

    /** `rait down`: a pass that asks no source, so a configuration whose peer list cannot be trusted still comes down. */
    public static AgentPass downPass(RaitConfig config, Tunnels tunnels, Progress progress, EventLog log) {
        return new AgentPass(config, PeerSource.NONE, PeerListParser.WHOLE, EndpointResolver.system(Duration.ZERO),
                tunnels, List.of(), Optional.empty(), PassMetrics.NONE, log, Clock.systemUTC(), progress, Optional.empty());
    }

    /** Whether a peers URL is fetched over HTTP(S) (and so must be verified). */
    public static boolean isRemote(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private static TrustPolicy remoteTrust(String url, AgentSettings settings, Clock clock) {
        if (!settings.verify()) {
            return TrustPolicy.unverified(clock);
        }
        if (settings.trustedKeys().isEmpty()) {
            throw new UntrustedSource("peers = \"" + url + "\" is remote but agent.trusted_keys is empty: pin the registry's"
                    + " minisign public key, or set agent.verify = false to apply it unverified");
        }
        List<MinisignPublicKey> keys = new ArrayList<>();
        for (int i = 0; i < settings.trustedKeys().size(); i++) {
            try {
                keys.add(MinisignPublicKey.parse(settings.trustedKeys().get(i)));
            } catch (MinisignFormatException | IllegalArgumentException e) {
                throw new UntrustedSource("agent.trusted_keys[" + i + "] is not a minisign public key: " + e.getMessage());
            }
        }
        return TrustPolicy.pinned(keys, clock);
    }

    public AgentPass pass() {
        return pass;
    }

    public TrustPolicy trust() {
        return trust;
    }

    /** The metrics `rait agent` exports; a single run has none. */
    public AgentMetrics metrics() {
        return metrics.orElseThrow(() -> new IllegalStateException("a single run exports no metrics"));
    }

    @Override
    public void close() {
        for (SnapshotFetcher fetcher : fetchers) fetcher.close();
    }
}
