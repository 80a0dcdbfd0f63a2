package org.rait.cli;

import org.rait.agent.Agent;
import org.rait.agent.AgentPass;
import org.rait.agent.PassReport;
import org.rait.configfile.ConfigException;
import org.rait.log.EventLog;
import org.rait.tunnels.KernelTunnels;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.concurrent.Callable;

/** `rait down`. */
final class DownCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    private final GlobalOptions config;
    private final OptionSpec check = CommandOptions.flag("Print what would be removed and change nothing", "--check");

    private DownCommand(GlobalOptions beforeCommand) {
        spec.usageMessage().description("Remove every interface rait manages (and its wireguard-go). Ends with the recap line.");
        config = new GlobalOptions(spec, beforeCommand);
        CommandOptions.withHelp(spec.addOption(check));
    }

    static CommandSpec model(GlobalOptions beforeCommand) {
        return new DownCommand(beforeCommand).spec;
    }

    @Override
    public Integer call() throws ConfigException {
        boolean check = this.check.getValue();
        var raitConfig = RaitFiles.config(config.location());
        EventLog log = new EventLog(System.err, config.debug());
        AgentPass pass = Agent.downPass(raitConfig, KernelTunnels.toRemoveAll(log), TerminalProgress.onTerminal(), log);
        PassReport report = pass.down(check ? AgentPass.Mode.CHECK : AgentPass.Mode.APPLY);
        return PlanPrinter.finish(report, spec.commandLine().getOut(), spec.commandLine().getErr(), check, false);
    }
}
