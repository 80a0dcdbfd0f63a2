package org.rait.cli;

import org.rait.netlink.LibC;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;

/** Entry point of the `rait` command. */
public final class Main {
    /**
     * picocli's system property naming built-in converters to leave out, set while rait's command line is
     * built. Each CommandLine (the root and the command) otherwise finds the java.time, java.sql and
     * java.nio.file types it has converters for through reflection, initialising those classes: about 3 ms
     * of every start. No rait option or parameter has such a type (MainTest checks).
     */
    private static final String CONVERTERS_EXCLUDED = "picocli.converters.excludes";
    /**
     * Matches the names of all of them (picocli tries it on those names only, not on the types it converts
     * directly, such as String and int), kept short: picocli compiles it for every name. {@code \X*} (graphemes) rather than
     * {@code .*}: java.util.regex makes "." and every character class of a lambda, and the first lambda links the
     * java.lang.invoke bootstrap (OneShotLinkingTest); the class names have no line break for "." to stop at.
     */
    static final String NOT_AN_OPTION_TYPE = "java\\.\\X*";

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
        String excludedBefore = System.getProperty(CONVERTERS_EXCLUDED);
        System.setProperty(CONVERTERS_EXCLUDED, NOT_AN_OPTION_TYPE);
        try {
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
        } finally {
            // Only for rait's own command lines: another one in this JVM (the registry's, in tests) may need them.
            if (excludedBefore == null) System.clearProperty(CONVERTERS_EXCLUDED);
            else System.setProperty(CONVERTERS_EXCLUDED, excludedBefore);
        }
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
