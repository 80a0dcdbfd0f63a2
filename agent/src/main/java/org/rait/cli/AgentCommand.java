package org.rait.cli;

import org.rait.agent.AfterApply;
import org.rait.agent.Agent;
import org.rait.agent.AgentLoop;
import org.rait.agent.EndpointPublishing;
import org.rait.agent.PassReport;
import org.rait.agent.PeerListParser;
import org.rait.agent.UntrustedSource;
import org.rait.config.AgentSettings;
import org.rait.config.RaitConfig;
import org.rait.configfile.PeerListReuse;
import org.rait.fetch.FetchPolicy;
import org.rait.log.EventLog;
import org.rait.metrics.MetricsServer;
import org.rait.netlink.LinkEvents;
import org.rait.netlink.NetworkNamespace;
import org.rait.registration.CertificatePin;
import org.rait.registration.NodeProver;
import org.rait.registration.RegistrationClient;
import org.rait.reporting.HealthReporting;
import org.rait.reporting.RegistryReports;
import org.rait.status.TunnelWatch;
import org.rait.systemd.ServiceManager;
import org.rait.tunnels.KernelTunnels;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** `rait agent`: the agent as the systemd unit runs it. */
final class AgentCommand implements Callable<Integer> {
    /** How long after a link event the repair pass runs: one pass for a burst of events. */
    private static final Duration DEBOUNCE = Duration.ofSeconds(2);
    /** Share of the interval added or removed at random, so a fleet does not poll in step. */
    private static final double INTERVAL_JITTER = 0.2;
    /** How long SIGTERM waits for a pass in progress to finish. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    private final GlobalOptions config;
    private final OptionSpec once = CommandOptions.flag("Run a single pass (fetch, verify, apply) and exit; status 4 when held back", "--once");
    private final OptionSpec force = CommandOptions.flag("With --once: apply even a plan the removal guard holds back", "--force");
    private final OptionSpec dnsTimeout = CommandOptions.value(int.class, "SECONDS",
            "Deadline for resolving endpoint names at each pass (default: ${DEFAULT-VALUE})", "--dns-timeout").defaultValue("5").build();
    private final OptionSpec tlsPin = CommandOptions.value(String.class, "sha256/BASE64",
            "Trust exactly this registry TLS key (what `rait-registry serve` prints for a self-signed certificate);"
                    + " overrides agent.tls_pin", "--tls-pin", "--pin").build();

    private AgentCommand(GlobalOptions beforeCommand) {
        spec.usageMessage().description(
                "Keep pulling the peer list, verifying it and reconciling the tunnels (what the systemd unit runs).",
                "Fails static: when the registry is down or serves something refused, the tunnels stay as they are.",
                "SIGTERM stops the agent and leaves the tunnels up; `rait down` removes them.");
        config = new GlobalOptions(spec, beforeCommand);
        CommandOptions.withHelp(spec.addOption(once).addOption(force).addOption(dnsTimeout).addOption(tlsPin));
    }

    static CommandSpec model(GlobalOptions beforeCommand) {
        return new AgentCommand(beforeCommand).spec;
    }

    @Override
    public Integer call() throws Exception {
        boolean once = this.once.getValue();
        boolean force = this.force.getValue();
        int dnsTimeoutSeconds = this.dnsTimeout.getValue();
        String tlsPin = this.tlsPin.getValue();
        if (force && !once) throw new UsageProblem("--force needs --once: the running agent never forces a held plan");
        RaitConfig raitConfig = RaitFiles.config(config.location());
        SecretFile.warnIfConfigOpen(config.location());
        EventLog log = new EventLog(System.err, config.debug());
        Duration dnsTimeout = Duration.ofSeconds(dnsTimeoutSeconds);
        if (once) {
            try (Agent agent = assemble(raitConfig, log, new Agent.Run(true, dnsTimeout, TerminalProgress.onTerminal()), tlsPin)) {
                // One pass, the one `rait up` runs: the cached snapshot is held (the node keeps it when the registry
                // is down), then the fetch decides.
                agent.pass().holdCache(agent.trust());
                PassReport report = agent.pass().run(force);
                return PlanPrinter.finish(report, spec.commandLine().getOut(), spec.commandLine().getErr(), false, false);
            }
        }
        ServiceManager systemd = ServiceManager.fromEnvironment();
        Optional<RaitConfig> reloaded = Optional.of(raitConfig);
        RaitConfig running = null;
        while (reloaded.isPresent()) {
            // A reloaded rait.conf the agent cannot be built from (a remote list without trusted keys...) is refused
            // like one that does not parse: the agent carries on with the one it ran.
            Agent agent;
            try {
                agent = assemble(reloaded.get(), log, Agent.Run.loop(dnsTimeout), tlsPin);
                running = reloaded.get();
            } catch (UsageProblem e) {
                if (running == null) throw e;
                log.error("reload_refused", "config", config.location(), "detail", String.valueOf(e.getMessage()),
                        "hint", "the agent runs on with the configuration it has");
                agent = assemble(running, log, Agent.Run.loop(dnsTimeout), tlsPin);
            }
            try (Agent current = agent) {
                reloaded = runUntilStopped(running, current, tlsPin(tlsPin, running), log, config.location(), systemd);
            }
        }
        return ExitStatus.OK;
    }

    static Agent assemble(RaitConfig raitConfig, EventLog log, Agent.Run run, String tlsPin) {
        Optional<CertificatePin> pin = tlsPin(tlsPin, raitConfig);
        try {
            // The running agent reads each changed list by its changed pieces; a single run reads it once, whole.
            PeerListParser parser = run.singleRun() ? PeerListParser.WHOLE : new PeerListReuse()::parse;
            return Agent.assemble(raitConfig, run, new KernelTunnels(log), afterApply(raitConfig, pin, log),
                    parser, FetchPolicy.forInterval(Duration.ofSeconds(raitConfig.agent().intervalSeconds())), pin, Clock.systemUTC(), log);
        } catch (UntrustedSource e) {
            throw new UsageProblem(e.getMessage(), e);
        }
    }

    /** The registry's TLS key: --tls-pin when given, else agent.tls_pin of rait.conf (already validated by the parser). */
    static Optional<CertificatePin> tlsPin(String flag, RaitConfig raitConfig) {
        try {
            if (flag != null) return Optional.of(CertificatePin.parse(flag));
            String configured = raitConfig.agent().tlsPin();
            return configured.isEmpty() ? Optional.empty() : Optional.of(CertificatePin.parse(configured));
        } catch (IllegalArgumentException e) {
            throw new UsageProblem("--tls-pin: " + e.getMessage(), e);
        }
    }

    /** Endpoint publishing when rait.conf asks for it (babeld is a step of the pass itself). */
    private static List<AfterApply> afterApply(RaitConfig raitConfig, Optional<CertificatePin> pin, EventLog log) {
        List<AfterApply> steps = new ArrayList<>();
        AgentSettings settings = raitConfig.agent();
        if (settings.publishEndpoints()) {
            if (settings.registry().isEmpty()) {
                throw new UsageProblem("agent.publish_endpoints = true needs agent.registry, the registry's base URL");
            }
            RegistrationClient client = new RegistrationClient(settings.registry(), pin, Clock.systemUTC());
            NodeProver prover = new NodeProver(raitConfig.privateKey());
            steps.add(new EndpointPublishing(entry -> client.register(prover, entry, Optional.empty()), Clock.systemUTC(), log));
        }
        return steps;
    }

    /** Runs the loop until SIGTERM (empty) or a SIGHUP with a good rait.conf (that configuration). */
    private static Optional<RaitConfig> runUntilStopped(RaitConfig raitConfig, Agent agent, Optional<CertificatePin> pin, EventLog log,
                                                        String location, ServiceManager systemd) throws IOException {
        AgentLoop loop = new AgentLoop(agent.pass(), agent.trust(), Duration.ofSeconds(raitConfig.agent().intervalSeconds()),
                INTERVAL_JITTER, DEBOUNCE, log);
        // Type=notify: systemd counts the agent as started once the cached snapshot's tunnels are in place (the first
        // report), before the first fetch: a registry that is down is no reason to hold up or fail the boot.
        ReloadSignal reload = ReloadSignal.install(location, loop, systemd, log);
        // The pass that ends a loop after a reload request is not the reloaded agent: READY=1 waits for the next loop.
        loop.afterEachPass(report -> {
            if (reload.requested().isEmpty()) systemd.ready("last pass: news=" + report.news().label() + " action=" + report.action().label());
        });
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM: end the loop and let the pass in progress finish. Deliberately no `down`: the tunnels (and the
        // detached wireguard-go processes) outlive the agent, so a restart does not drop traffic.
        Thread hook = new Thread(() -> {
            systemd.stopping();
            loop.stop();
            try {
                stopped.await(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rait-agent-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        TunnelWatch tunnels = TunnelWatch.of(raitConfig, agent.pass()::appliedPeers, log);
        Optional<MetricsServer> metrics = Optional.empty();
        Optional<LinkWatch> watch = Optional.empty();
        Optional<HealthReporting> reports = Optional.empty();
        try {
            metrics = metricsServer(raitConfig, agent, tunnels, log);
            watch = subscribe(raitConfig, loop, log);
            // What the agent knows of the kernel is trusted only while link events keep it current.
            agent.pass().listening(watch.isPresent());
            reports = RegistryReports.of(raitConfig, pin, tunnels, agent.pass()::appliedSerial, log);
            reports.ifPresent(r -> {
                loop.afterEachPass(r::passEnded);
                r.start();
            });
            loop.run();
        } finally {
            reports.ifPresent(HealthReporting::close);
            watch.ifPresent(LinkWatch::close);
            metrics.ifPresent(MetricsServer::close);
            stopped.countDown();
        }
        if (reload.requested().isPresent()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                return Optional.empty();
            }
        }
        return reload.requested();
    }

    private static Optional<MetricsServer> metricsServer(RaitConfig raitConfig, Agent agent, TunnelWatch tunnels, EventLog log)
            throws IOException {
        String listen = raitConfig.agent().metricsListen();
        if (listen.isEmpty()) return Optional.empty();
        try {
            agent.metrics().withJvmMetrics().withPeers(tunnels);
            MetricsServer server = MetricsServer.start(listen, agent.metrics());
            log.info("metrics", "listen", server.address());
            return Optional.of(server);
        } catch (IllegalArgumentException e) {
            throw new UsageProblem(e.getMessage(), e);
        }
    }

    /**
     * Link events of the target namespace, so that an interface deleted or changed by hand is put back within
     * seconds instead of at the next interval, and what the agent knows of the kernel stays current. Without them
     * (no netlink, a namespace that cannot be opened) the agent reads the kernel and repairs at every pass.
     */
    private static Optional<LinkWatch> subscribe(RaitConfig raitConfig, AgentLoop loop, EventLog log) {
        String target = raitConfig.isolation().target();
        try {
            NetworkNamespace namespace = target.isEmpty() ? NetworkNamespace.current() : NetworkNamespace.openOrCreate(target);
            try {
                return Optional.of(new LinkWatch(namespace, LinkEvents.subscribe(namespace, loop::linkChanged,
                        loop::linkEventsStopped)));
            } catch (RuntimeException e) {
                namespace.close();
                throw e;
            }
        } catch (RuntimeException e) {
            log.warn("no_link_events", "reason", "drift is repaired at the next pass", "detail", String.valueOf(e.getMessage()));
            return Optional.empty();
        }
    }

    /** The subscription and the namespace it listens in, closed together. */
    private record LinkWatch(NetworkNamespace namespace, LinkEvents events) implements AutoCloseable {
        @Override
        public void close() {
            events.close();
            namespace.close();
        }
    }
}
