package org.rait.reporting;

import org.rait.babeld.Babeld;
import org.rait.babeld.BabeldClient;
import org.rait.babeld.BabeldException;
import org.rait.babeld.Neighbour;
import org.rait.babeld.Timeouts;
import org.rait.config.AgentSettings;
import org.rait.config.RaitConfig;
import org.rait.keys.WgKey;
import org.rait.log.EventLog;
import org.rait.registration.CertificatePin;
import org.rait.registration.NodeProver;
import org.rait.registration.RegistrationClient;
import org.rait.status.TunnelWatch;
import org.rait.status.Version;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Health reporting as rait.conf sets it up: to agent.registry, proved with the node's WireGuard key. */
public final class RegistryReports {
    private RegistryReports() {
    }

    /**
     * @return empty when agent.report is off, or when there is no agent.registry to report to (said once in the log)
     */
    public static Optional<HealthReporting> of(RaitConfig config, Optional<CertificatePin> pin, TunnelWatch tunnels,
                                               Supplier<OptionalLong> appliedSerial, EventLog log) {
        AgentSettings settings = config.agent();
        if (!settings.report()) return Optional.empty();
        if (settings.registry().isEmpty()) {
            log.info("report_off", "reason", "no agent.registry to report to");
            return Optional.empty();
        }
        RegistrationClient client = new RegistrationClient(settings.registry(), pin, Clock.systemUTC());
        NodeProver prover = new NodeProver(config.privateKey());
        AtomicReference<WgKey> registryKey = new AtomicReference<>();
        HealthReporting.Sender sender = (report, timestamp) -> {
            if (registryKey.get() == null) registryKey.set(client.registrationKey());
            client.report(prover, registryKey.get(), report, timestamp);
        };
        int interval = settings.reportInterval();
        return Optional.of(new HealthReporting(sender, pass -> ReportContents.of(Version.current(), appliedSerial.get(), pass,
                interval, tunnels.tunnels(), neighbours(config)), Duration.ofSeconds(interval), Clock.systemUTC(), log));
    }

    /** babeld's neighbours when rait.conf has a babeld block and babeld answers; empty otherwise. */
    private static Optional<List<Neighbour>> neighbours(RaitConfig config) {
        if (config.babeld().isEmpty()) return Optional.empty();
        try (BabeldClient client = Babeld.connect(config.babeld().get(), config.isolation(), Timeouts.DEFAULT)) {
            return Optional.of(client.dump().neighbours());
        } catch (BabeldException e) {
            return Optional.empty();
        }
    }
}
