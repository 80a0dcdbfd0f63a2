package org.rait.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "genkey", mixinStandardHelpOptions = true,
        description = "Print a new private key (like wg genkey)")
final class GenkeyCommand extends NotBuilt {
    @Mixin
    ConfigOption config;

    @Override
    String commandName() {
        return "genkey";
    }
}
