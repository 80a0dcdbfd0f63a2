package org.rait.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Send this node's entry to the registry with a proof of its key")
final class RegisterCommand extends NotBuilt {
    @Mixin
    ConfigOption config;

    @Override
    String commandName() {
        return "register";
    }
}
