package org.rait.cli;

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
        String name = commandName(root, args);
        List<RaitCommand.Entry> named = RaitCommand.COMMANDS.stream().filter(c -> c.isNamed(name)).toList();
        for (RaitCommand.Entry command : named.isEmpty() ? RaitCommand.COMMANDS : named) {
            root.addSubcommand(command.name(), command.model().apply(rait.global), command.aliases().toArray(String[]::new));
        }
        // After the commands: picocli passes these settings on only to the commands present.
        return root.setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new OperatorErrorHandler());
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
