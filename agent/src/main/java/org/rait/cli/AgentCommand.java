package org.rait.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Keep pulling the peer list and reconciling (what the systemd unit runs)")
final class AgentCommand extends NotBuilt {
    @Mixin
    ConfigOption config;

    @Override
    String commandName() {
        return "agent";
    }
}
