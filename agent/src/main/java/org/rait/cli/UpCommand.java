package org.rait.cli;

import org.rait.agent.Agent;
import org.rait.agent.PassReport;
import org.rait.config.RaitConfig;
import org.rait.configfile.ConfigException;
import org.rait.log.EventLog;
import org.rait.netlink.LibC;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "up", aliases = {"u", "sync"}, mixinStandardHelpOptions = true,
        description = "Bring tunnels in line with rait.conf and the peer list (aliases: u, sync). "
                + "Ends with ok=N changed=N failed=N removed=N, plus babeld=synced|skipped|failed when rait.conf has a babeld block; "
                + "exit 0 when nothing failed, 1 otherwise.")
final class UpCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions config;

    @Option(names = "--check", description = "Fetch and verify the peer list, print the plan and its recap; write nothing"
            + " (no kernel write, no state file, no run lock, no namespace)")
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
        LibC.Ahead.load(); // netlink comes next: jffi loads meanwhile
        RaitConfig raitConfig = RaitFiles.config(config.location());
        SecretFile.warnIfConfigOpen(config.location());
        EventLog log = new EventLog(System.err, config.debug());
        Agent.Run run = new Agent.Run(true, Duration.ofSeconds(dnsTimeoutSeconds), TerminalProgress.onTerminal());
        // The agent's pass, once: a remote peer list is verified exactly as the agent verifies it.
        try (Agent agent = AgentCommand.assemble(raitConfig, log, run, tlsPin)) {
            agent.pass().holdCache(agent.trust());
            PassReport report = check ? agent.pass().check(force) : agent.pass().run(force);
            return PlanPrinter.finish(report, spec.commandLine().getOut(), spec.commandLine().getErr(), check || diff, check);
        }
    }
}
