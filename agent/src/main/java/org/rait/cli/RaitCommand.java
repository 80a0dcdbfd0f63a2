package org.rait.cli;

import picocli.CommandLine.Command;

import java.util.List;

/**
 * The root of the command line. Its commands are listed in {@link #COMMANDS} rather than in the
 * annotation, so that {@link Main} can build the model of the one command invoked: picocli reflects
 * over every option of every command it is given, which cost more than the rest of a `rait list`.
 */
@Command(name = "rait",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Redundant Array of Inexpensive Tunnels: a full mesh of point-to-point WireGuard tunnels.")
public final class RaitCommand implements Runnable {
    /** Every command, in the order `rait --help` lists them. */
    static final List<Class<?>> COMMANDS = List.of(
            UpCommand.class,
            DownCommand.class,
            ListCommand.class,
            PubCommand.class,
            BabeldCommand.class,
            StatusCommand.class,
            PingCommand.class,
            AgentCommand.class,
            RegisterCommand.class,
            GenkeyCommand.class,
            PubkeyCommand.class,
            RemarksCommand.class,
            NetnsCommand.class,
            DemoModule.command());

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
