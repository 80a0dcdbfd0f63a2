package org.rait.cli;

import org.rait.agent.Agent;
import org.rait.agent.PassReport;
import org.rait.config.RaitConfig;
import org.rait.configfile.ConfigException;
import org.rait.log.EventLog;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.time.Duration;
import java.util.concurrent.Callable;

/** `rait up`: the agent's pass, once. */
final class UpCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    private final GlobalOptions config;
    private final OptionSpec check = CommandOptions.flag("Fetch and verify the peer list, print the plan and its recap; write nothing"
            + " (no kernel write, no state file, no run lock, no namespace)", "--check");
    private final OptionSpec diff = CommandOptions.flag("Show the field changes of every update", "--diff");
    private final OptionSpec force = CommandOptions.flag(
            "Apply even a plan that removes more than agent.max_removal_share of the current peers", "--force");
    private final OptionSpec tlsPin = CommandOptions.value(String.class, "sha256/BASE64",
            "With a remote peer list: trust exactly this registry TLS key (self-signed registry)", "--tls-pin", "--pin").build();
    private final OptionSpec dnsTimeout = CommandOptions.value(int.class, "SECONDS",
            "Deadline for resolving endpoint names (default: ${DEFAULT-VALUE})", "--dns-timeout").defaultValue("5").build();

    private UpCommand(GlobalOptions beforeCommand) {
        spec.usageMessage().description("Bring tunnels in line with rait.conf and the peer list (aliases: u, sync). "
                + "Ends with ok=N changed=N failed=N removed=N, plus babeld=synced|skipped|failed when rait.conf has a babeld block; "
                + "exit 0 when nothing failed, 1 otherwise.");
        config = new GlobalOptions(spec, beforeCommand);
        CommandOptions.withHelp(spec.addOption(check).addOption(diff).addOption(force).addOption(tlsPin).addOption(dnsTimeout));
    }

    static CommandSpec model(GlobalOptions beforeCommand) {
        return new UpCommand(beforeCommand).spec;
    }

    @Override
    public Integer call() throws ConfigException {
        RaitConfig raitConfig = RaitFiles.config(config.location());
        SecretFile.warnIfConfigOpen(config.location());
        EventLog log = new EventLog(System.err, config.debug());
        boolean check = this.check.getValue();
        boolean force = this.force.getValue();
        boolean diff = this.diff.getValue();
        int dnsTimeoutSeconds = dnsTimeout.getValue();
        Agent.Run run = new Agent.Run(true, Duration.ofSeconds(dnsTimeoutSeconds), TerminalProgress.onTerminal());
        // The agent's pass, once: a remote peer list is verified exactly as the agent verifies it.
        try (Agent agent = AgentCommand.assemble(raitConfig, log, run, tlsPin.getValue())) {
            agent.pass().holdCache(agent.trust());
            PassReport report = check ? agent.pass().check(force) : agent.pass().run(force);
            return PlanPrinter.finish(report, spec.commandLine().getOut(), spec.commandLine().getErr(), check || diff, check);
        }
    }
}
