package org.rait.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the interfaces rait manages")
final class ListCommand extends NotBuilt {
    @Mixin
    ConfigOption config;

    @Override
    String commandName() {
        return "list";
    }
}
