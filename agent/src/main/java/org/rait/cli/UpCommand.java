package org.rait.cli;

import org.rait.config.RaitConfig;
import org.rait.peers.PeerList;
import org.rait.reconcile.EventLog;
import org.rait.reconcile.Progress;
import org.rait.tunnels.Tunnels;
import org.rait.configfile.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "up", aliases = {"sync"}, mixinStandardHelpOptions = true,
        description = "Bring tunnels in line with rait.conf and the peer list (alias: sync). "
                + "Ends with ok=N changed=N failed=N removed=N, plus babeld=synced|skipped|failed when rait.conf has a babeld block; "
                + "exit 0 when nothing failed, 1 otherwise.")
final class UpCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--check", description = "Print the plan and change nothing")
    boolean check;

    @Option(names = "--diff", description = "Show the field changes of every update")
    boolean diff;

    @Option(names = {"-v", "--debug"}, description = "Debug events, including the number of kernel write requests")
    boolean debug;

    @Option(names = "--dns-timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "Deadline for resolving endpoint names (default: ${DEFAULT-VALUE})")
    int dnsTimeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws ConfigException {
        RaitConfig raitConfig = RaitFiles.config(config.location());
        PeerList peers = RaitFiles.peers(raitConfig);
        EventLog log = new EventLog(System.err, debug);
        Tunnels.Outcome outcome = Tunnels.sync(raitConfig, peers,
                new Tunnels.Options(check, Duration.ofSeconds(dnsTimeoutSeconds), log, Progress.onTerminal()));
        var out = spec.commandLine().getOut();
        if (check || diff) PlanPrinter.print(outcome.plan(), out, check, true);
        out.println(outcome.line());
        out.flush();
        return outcome.succeeded() ? ExitStatus.OK : ExitStatus.FAILED;
    }
}
