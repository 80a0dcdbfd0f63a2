package org.rait.registry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the `rait-registry` command. */
@Command(name = "rait-registry", mixinStandardHelpOptions = true, version = "rait-registry 0.1.0-SNAPSHOT",
        description = "The rait registry: collects node keys and endpoints, publishes a signed peers.conf.",
        subcommands = {ServeCommand.class, AdminCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
