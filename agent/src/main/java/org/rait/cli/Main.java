package org.rait.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Arrays;
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
        CommandLine root = new CommandLine(new RaitCommand());
        String name = commandName(root, args);
        List<Class<?>> commands = RaitCommand.COMMANDS.stream().filter(c -> names(c).contains(name)).toList();
        for (Class<?> command : commands.isEmpty() ? RaitCommand.COMMANDS : commands) root.addSubcommand(command);
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

    /** A command's name and aliases, read from its annotation (cheap: no model is built). */
    private static List<String> names(Class<?> command) {
        Command annotation = command.getAnnotation(Command.class);
        String[] aliases = annotation.aliases();
        String[] all = Arrays.copyOf(aliases, aliases.length + 1);
        all[aliases.length] = annotation.name();
        return Arrays.asList(all);
    }
}
