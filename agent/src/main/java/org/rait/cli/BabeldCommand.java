package org.rait.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "babeld", mixinStandardHelpOptions = true,
        description = "Talk to babeld over its control socket",
        subcommands = {BabeldCommand.ListInterfaces.class, BabeldCommand.Sync.class})
final class BabeldCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "babeld needs a subcommand: list or sync");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Interfaces babeld runs on")
    static final class ListInterfaces extends NotBuilt {
        @Mixin
        ConfigOption config;

        @Override
        String commandName() {
            return "babeld list";
        }
    }

    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = "Add managed interfaces to babeld, flush the ones rait no longer manages")
    static final class Sync extends NotBuilt {
        @Mixin
        ConfigOption config;

        @Override
        String commandName() {
            return "babeld sync";
        }
    }
}
