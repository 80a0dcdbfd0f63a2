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
        String tlsPin) {

    public static final AgentSettings DEFAULT =
            new AgentSettings(List.of(), true, "/var/lib/rait", 60, 0.5, "", "", false, "");

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
    }
}
