package org.rait.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.List;

/**
 * The root of the command line. Its commands are listed in {@link #COMMANDS}, with their names, so that
 * {@link Main} can build the model of the one command invoked: picocli's model of every command cost more
 * than the rest of a `rait list`.
 */
public final class RaitCommand implements Runnable {
    /** A command: its name, RAIT v3's aliases, and whether it talks to the kernel (libc is then bound ahead, see Main). */
    record Entry(String name, boolean kernel, List<String> aliases) {
        Entry(String name, String... aliases) {
            this(name, false, List.of(aliases));
        }

        static Entry kernel(String name, String... aliases) {
            return new Entry(name, true, List.of(aliases));
        }

        boolean isNamed(String word) {
            return name.equals(word) || aliases.contains(word);
        }

        /**
         * The command's model, made for the root's {@link GlobalOptions}. A switch rather than a method
         * reference per entry: linking one costs every start about 0.3 ms and loads the command's class,
         * also when another command runs (docs/benchmarks.md, "Start-up").
         */
        Object model(GlobalOptions beforeCommand) {
            return switch (name) {
                case "up" -> UpCommand.model(beforeCommand);
                case "down" -> DownCommand.model(beforeCommand);
                case "list" -> ListCommand.model(beforeCommand);
                case "pub" -> PubCommand.model(beforeCommand);
                case "babeld" -> BabeldCommand.model(beforeCommand);
                case "status" -> StatusCommand.model(beforeCommand);
                case "ping" -> PingCommand.model(beforeCommand);
                case "agent" -> AgentCommand.model(beforeCommand);
                case "register" -> RegisterCommand.model(beforeCommand);
                case "genkey" -> GenkeyCommand.model(beforeCommand);
                case "pubkey" -> PubkeyCommand.model(beforeCommand);
                case "remarks" -> RemarksCommand.model(beforeCommand);
                case "netns" -> NetnsCommand.model(beforeCommand);
                case "demo" -> DemoModule.command();
                default -> throw new IllegalArgumentException("not a command of RaitCommand.COMMANDS: " + name);
            };
        }
    }

    /** Every command, in the order `rait --help` lists them. */
    static final List<Entry> COMMANDS = List.of(
            Entry.kernel("up", "u", "sync"),
            Entry.kernel("down", "d"),
            Entry.kernel("list", "l"),
            new Entry("pub", "p"),
            new Entry("babeld", "b"),
            new Entry("status"),
            new Entry("ping"),
            new Entry("agent"),
            new Entry("register"),
            new Entry("genkey"),
            new Entry("pubkey"),
            new Entry("remarks", "r"),
            new Entry("netns"),
            new Entry("demo"));

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
