package org.rait.cli;

import picocli.CommandLine;

/** Entry point of the `rait` command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (tests call this without exiting the JVM). */
    public static int run(String... args) {
        return new CommandLine(new RaitCommand())
                .addSubcommand(DemoModule.command())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new OperatorErrorHandler())
                .execute(args);
    }
}
