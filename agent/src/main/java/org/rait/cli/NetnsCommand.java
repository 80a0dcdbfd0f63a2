package org.rait.cli;

import org.rait.config.Isolation;
import org.rait.config.IsolationType;
import org.rait.netlink.NetworkNamespace;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/**
 * Creates the isolation's target namespace before the agent runs. The agent's unit runs this outside its
 * sandbox ({@code ExecStartPre=+}): a namespace the sandboxed agent named itself would be a mount in the
 * service's private mount namespace, invisible to the host's {@code ip netns} and to babeld, and lost at the
 * next restart.
 */
final class NetnsCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    private final GlobalOptions config;

    private NetnsCommand(GlobalOptions beforeCommand) {
        spec.usageMessage().description(
                "Create the target network namespace of rait.conf's isolation when it is missing (like `ip netns add`).",
                "The agent's systemd unit runs this outside its sandbox, so that the namespace is the host's.");
        config = new GlobalOptions(spec, beforeCommand);
        CommandOptions.withHelp(spec);
    }

    static CommandSpec model(GlobalOptions beforeCommand) {
        return new NetnsCommand(beforeCommand).spec;
    }

    @Override
    public Integer call() {
        Isolation isolation = RaitFiles.config(config.location()).isolation();
        String target = isolation.target();
        var out = spec.commandLine().getOut();
        if (isolation.type() != IsolationType.NETNS || target.isEmpty()) {
            out.println("netns: nothing to create (isolation " + isolation.type().spelling()
                    + (target.isEmpty() ? ", no target namespace" : "") + ")");
        } else if (NetworkNamespace.exists(target)) {
            out.println("netns: " + target + " exists");
        } else {
            NetworkNamespace.openOrCreate(target).close();
            out.println("netns: " + target + " created");
        }
        out.flush();
        return ExitStatus.OK;
    }
}
