package org.rait.cli;

import org.rait.netlink.LibC;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;

/** Entry point of the `rait` command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (tests call this without exiting the JVM). */
    public static int run(String... args) {
        return commandLine(args).execute(args);
    }

    /**
     * The command line for these arguments: the root with only the command they name, or with every
     * command when they name none (no command, `--help`, a misspelt one), so that usage and errors list all.
     */
    public static CommandLine commandLine(String... args) {
        RaitCommand rait = new RaitCommand();
        CommandLine root = new CommandLine(rait.spec);
        RaitCommand.Entry named = named(commandName(root, args));
        // A command that talks to the kernel goes through libc: jffi's set-up (~10 ms, docs/benchmarks.md
        // "Start-up") runs on another core while picocli builds and parses and rait.conf is read.
        if (named != null && named.kernel()) LibC.Ahead.load();
        for (RaitCommand.Entry command : named != null ? List.of(named) : RaitCommand.COMMANDS) {
            root.addSubcommand(command.name(), command.model(rait.global), command.aliases().toArray(new String[0]));
        }
        // After the commands: picocli passes these settings on only to the commands present.
        return root.setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new OperatorErrorHandler());
    }

    /** The command of that name or alias, null for none. */
    private static RaitCommand.Entry named(String name) {
        for (RaitCommand.Entry command : RaitCommand.COMMANDS) {
            if (command.isNamed(name)) return command;
        }
        return null;
    }

    /** The first argument that is neither an option of the root nor an option's value; "" when there is none. */
    private static String commandName(CommandLine root, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) return arg;
            OptionSpec option = root.getCommandSpec().findOption(arg);
            if (option != null && option.arity().min() > 0 && !arg.contains("=")) i++;
        }
        return "";
    }
}
