package org.rait.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Remove every interface rait manages")
final class DownCommand extends NotBuilt {
    @Mixin
    ConfigOption config;

    @Override
    String commandName() {
        return "down";
    }
}
