package org.rait.cli;

import org.rait.configfile.ConfigException;
import org.rait.log.EventLog;
import org.rait.tunnels.Tunnels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "down", aliases = "d", mixinStandardHelpOptions = true,
        description = "Remove every interface rait manages (and its wireguard-go). Ends with the recap line.")
final class DownCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions config;

    @Option(names = "--check", description = "Print what would be removed and change nothing")
    boolean check;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws ConfigException {
        var raitConfig = RaitFiles.config(config.location());
        EventLog log = new EventLog(System.err, config.debug());
        Tunnels.Outcome outcome = Tunnels.down(raitConfig,
                new Tunnels.Options(check, Duration.ZERO, log, TerminalProgress.onTerminal()));
        var out = spec.commandLine().getOut();
        if (check) PlanPrinter.print(outcome.plan(), out, false, false);
        out.println(outcome.line());
        out.flush();
        return outcome.succeeded() ? ExitStatus.OK : ExitStatus.FAILED;
    }
}
