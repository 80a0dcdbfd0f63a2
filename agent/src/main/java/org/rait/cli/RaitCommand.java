package org.rait.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.List;
import java.util.function.Function;

/**
 * The root of the command line. Its commands are listed in {@link #COMMANDS}, with their names, so that
 * {@link Main} can build the model of the one command invoked: picocli's model of every command cost more
 * than the rest of a `rait list`.
 */
public final class RaitCommand implements Runnable {
    /** A command: its name, RAIT v3's aliases, and its model, made for the root's {@link GlobalOptions}. */
    record Entry(String name, List<String> aliases, Function<GlobalOptions, Object> model) {
        Entry(String name, Function<GlobalOptions, Object> model, String... aliases) {
            this(name, List.of(aliases), model);
        }

        boolean isNamed(String word) {
            return name.equals(word) || aliases.contains(word);
        }
    }

    /** Every command, in the order `rait --help` lists them. */
    static final List<Entry> COMMANDS = List.of(
            new Entry("up", UpCommand::model, "u", "sync"),
            new Entry("down", DownCommand::model, "d"),
            new Entry("list", ListCommand::model, "l"),
            new Entry("pub", PubCommand::model, "p"),
            new Entry("babeld", BabeldCommand::model, "b"),
            new Entry("status", StatusCommand::model),
            new Entry("ping", PingCommand::model),
            new Entry("agent", AgentCommand::model),
            new Entry("register", RegisterCommand::model),
            new Entry("genkey", GenkeyCommand::model),
            new Entry("pubkey", PubkeyCommand::model),
            new Entry("remarks", RemarksCommand::model, "r"),
            new Entry("netns", NetnsCommand::model),
            new Entry("demo", beforeCommand -> DemoModule.command()));

    final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);

    /** RAIT's options given before the command; every command's own {@link GlobalOptions} falls back to them. */
    final GlobalOptions global;

    RaitCommand() {
        spec.name("rait").versionProvider(new VersionProvider());
        spec.usageMessage().description("Redundant Array of Inexpensive Tunnels: a full mesh of point-to-point WireGuard tunnels.");
        global = new GlobalOptions(spec, null);
        CommandOptions.withHelp(spec);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new ParameterException(spec.commandLine(), "a command is required");
    }
}
