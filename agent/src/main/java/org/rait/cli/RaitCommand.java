package org.rait.cli;

import picocli.CommandLine.Command;

@Command(name = "rait",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Redundant Array of Inexpensive Tunnels: a full mesh of point-to-point WireGuard tunnels.",
        subcommands = {
                UpCommand.class,
                DownCommand.class,
                ListCommand.class,
                PubCommand.class,
                BabeldCommand.class,
                StatusCommand.class,
                AgentCommand.class,
                RegisterCommand.class,
                GenkeyCommand.class,
                PubkeyCommand.class,
                RemarksCommand.class,
                NetnsCommand.class,
                DemoCommand.class,
        })
public final class RaitCommand implements Runnable {
    /** RAIT's options given before the command; every command's own {@link GlobalOptions} falls back to them. */
    @picocli.CommandLine.Mixin
    GlobalOptions global;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
