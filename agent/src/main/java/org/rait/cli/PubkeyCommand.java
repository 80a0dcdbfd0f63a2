package org.rait.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "pubkey", mixinStandardHelpOptions = true,
        description = "Read a private key on stdin, print its public key (like wg pubkey)")
final class PubkeyCommand extends NotBuilt {
    @Mixin
    ConfigOption config;

    @Override
    String commandName() {
        return "pubkey";
    }
}
