package org.rait.cli;

import org.rait.agent.Agent;
import org.rait.config.RaitConfig;
import org.rait.configfile.ConfigException;
import org.rait.log.EventLog;
import org.rait.peers.PeerList;
import org.rait.plan.RemovalGuard;
import org.rait.tunnels.Tunnels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "up", aliases = {"u", "sync"}, mixinStandardHelpOptions = true,
        description = "Bring tunnels in line with rait.conf and the peer list (aliases: u, sync). "
                + "Ends with ok=N changed=N failed=N removed=N, plus babeld=synced|skipped|failed when rait.conf has a babeld block; "
                + "exit 0 when nothing failed, 1 otherwise.")
final class UpCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions config;

    @Option(names = "--check", description = "Print the plan and change nothing")
    boolean check;

    @Option(names = "--diff", description = "Show the field changes of every update")
    boolean diff;

    @Option(names = "--force", description = "Apply even a plan that removes more than agent.max_removal_share of the current peers")
    boolean force;

    @Option(names = {"--tls-pin", "--pin"}, paramLabel = "sha256/BASE64",
            description = "With a remote peer list: trust exactly this registry TLS key (self-signed registry)")
    String tlsPin;

    @Option(names = "--dns-timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "Deadline for resolving endpoint names (default: ${DEFAULT-VALUE})")
    int dnsTimeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws ConfigException {
        RaitConfig raitConfig = RaitFiles.config(config.location());
        SecretFile.warnIfConfigOpen(config.location());
        EventLog log = new EventLog(System.err, config.debug());
        if (Agent.isRemote(raitConfig.peers()) && !check && !diff) {
            // A remote peer list is only ever applied verified: one agent pass (fetch, verify, guard, apply).
            try (Agent agent = AgentCommand.assemble(raitConfig, log, Duration.ofSeconds(dnsTimeoutSeconds), tlsPin)) {
                return AgentCommand.singlePass(agent, force, spec.commandLine().getOut());
            }
        }
        PeerList peers = RaitFiles.peers(raitConfig);
        RemovalGuard guard = new RemovalGuard(raitConfig.agent().maxRemovalShare());
        Tunnels.Hold hold = force ? Tunnels.Hold.NEVER : plan -> {
            RemovalGuard.Verdict verdict = guard.check(plan);
            return verdict.held() ? Optional.of(verdict.describe()) : Optional.empty();
        };
        Tunnels.Outcome outcome = Tunnels.sync(raitConfig, peers,
                new Tunnels.Options(check, Duration.ofSeconds(dnsTimeoutSeconds), log, TerminalProgress.onTerminal()), hold);
        if (outcome.held().isPresent()) {
            spec.commandLine().getErr().println("rait: plan held back, it removes too many peers at once: " + outcome.held().get()
                    + "; `rait up --force` applies it");
            return ExitStatus.HELD;
        }
        var out = spec.commandLine().getOut();
        if (check || diff) PlanPrinter.print(outcome.plan(), out, check, true);
        out.println(outcome.line());
        out.flush();
        return outcome.succeeded() ? ExitStatus.OK : ExitStatus.FAILED;
    }
}
