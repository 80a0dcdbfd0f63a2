package org.rait.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "up", aliases = {"sync"}, mixinStandardHelpOptions = true,
        description = "Bring tunnels in line with rait.conf and the peer list (alias: sync)")
final class UpCommand extends NotBuilt {
    @Mixin
    ConfigOption config;

    @Override
    String commandName() {
        return "up";
    }
}
