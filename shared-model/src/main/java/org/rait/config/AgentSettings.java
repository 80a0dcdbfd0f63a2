package org.rait.config;

import java.util.List;
import java.util.Objects;

/**
 * The `agent { }` block (ours): how `rait agent` pulls and trusts the peer list.
 *
 * @param trustedKeys      minisign public keys (base64 line, "RW...") of the registry; several allow rotation
 * @param verify           false turns signature checks off for a remote peers URL (warned at every pass)
 * @param stateDir         where the last verified snapshot and the highest accepted serial are kept
 * @param intervalSeconds  time between passes (jittered)
 * @param maxRemovalShare  a plan removing more than this share of current peers is held back
 * @param metricsListen    host:port of the Prometheus endpoint, "" = off
 * @param registry         base URL of the registry for `rait register` and endpoint publishing, "" = none
 * @param publishEndpoints re-register our endpoints when they change
 * @param tlsPin           "sha256/BASE64" of the registry's TLS key, for a self-signed registry; "" = system CAs
 * @param report           send the registry a health report (needs {@code registry}); false turns it off
 * @param reportInterval   seconds between heartbeat reports (a pass that changed something reports at once)
 * @param observeInterval  seconds the running agent trusts what it knows of the kernel (kept current by link events)
 *                         before it reads everything again: the only way it sees WireGuard settings changed by hand
 */
public record AgentSettings(
        List<String> trustedKeys,
        boolean verify,
        String stateDir,
        int intervalSeconds,
        double maxRemovalShare,
        String metricsListen,
        String registry,
        boolean publishEndpoints,
        String tlsPin,
        boolean report,
        int reportInterval,
        int observeInterval) {

    public static final boolean DEFAULT_REPORT = true;
    public static final int DEFAULT_REPORT_INTERVAL = 60;
    public static final int DEFAULT_OBSERVE_INTERVAL = 300;

    public static final AgentSettings DEFAULT = new AgentSettings(List.of(), true, "/var/lib/rait", 60, 0.5, "", "", false, "",
            DEFAULT_REPORT, DEFAULT_REPORT_INTERVAL, DEFAULT_OBSERVE_INTERVAL);

    /** Settings with the default safety interval of the agent's observation. */
    public AgentSettings(List<String> trustedKeys, boolean verify, String stateDir, int intervalSeconds, double maxRemovalShare,
                         String metricsListen, String registry, boolean publishEndpoints, String tlsPin, boolean report,
                         int reportInterval) {
        this(trustedKeys, verify, stateDir, intervalSeconds, maxRemovalShare, metricsListen, registry, publishEndpoints, tlsPin,
                report, reportInterval, DEFAULT_OBSERVE_INTERVAL);
    }

    /** Settings with the default health reporting. */
    public AgentSettings(List<String> trustedKeys, boolean verify, String stateDir, int intervalSeconds,
                         double maxRemovalShare, String metricsListen, String registry, boolean publishEndpoints, String tlsPin) {
        this(trustedKeys, verify, stateDir, intervalSeconds, maxRemovalShare, metricsListen, registry, publishEndpoints, tlsPin,
                DEFAULT_REPORT, DEFAULT_REPORT_INTERVAL);
    }

    /** Settings for a registry whose certificate the system's CAs vouch for (no pin). */
    public AgentSettings(List<String> trustedKeys, boolean verify, String stateDir, int intervalSeconds,
                         double maxRemovalShare, String metricsListen, String registry, boolean publishEndpoints) {
        this(trustedKeys, verify, stateDir, intervalSeconds, maxRemovalShare, metricsListen, registry, publishEndpoints, "");
    }

    public AgentSettings {
        trustedKeys = List.copyOf(trustedKeys);
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(metricsListen, "metricsListen");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(tlsPin, "tlsPin");
        if (reportInterval < 1) throw new IllegalArgumentException("reportInterval must be at least 1 second, got " + reportInterval);
        if (observeInterval < 1) throw new IllegalArgumentException("observeInterval must be at least 1 second, got " + observeInterval);
    }
}
