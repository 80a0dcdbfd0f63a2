package org.rait.cli;

import org.rait.agent.Agent;
import org.rait.agent.AgentPass;
import org.rait.agent.PassReport;
import org.rait.configfile.ConfigException;
import org.rait.log.EventLog;
import org.rait.netlink.LibC;
import org.rait.tunnels.KernelTunnels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
        LibC.Ahead.load(); // netlink comes next: jffi loads meanwhile
        var raitConfig = RaitFiles.config(config.location());
        EventLog log = new EventLog(System.err, config.debug());
        AgentPass pass = Agent.downPass(raitConfig, KernelTunnels.toRemoveAll(log), TerminalProgress.onTerminal(), log);
        PassReport report = pass.down(check ? AgentPass.Mode.CHECK : AgentPass.Mode.APPLY);
        return PlanPrinter.finish(report, spec.commandLine().getOut(), spec.commandLine().getErr(), check, false);
    }
}
