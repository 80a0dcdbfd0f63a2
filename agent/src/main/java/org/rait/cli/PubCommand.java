package org.rait.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "pub", mixinStandardHelpOptions = true,
        description = "Print this node's own peers entry")
final class PubCommand extends NotBuilt {
    @Mixin
    ConfigOption config;

    @Override
    String commandName() {
        return "pub";
    }
}
