package org.rait.cli;

import org.rait.keys.X25519;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "genkey", mixinStandardHelpOptions = true,
        description = "Print a new private key (like wg genkey)")
final class GenkeyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SecretFile.warnIfKeyOutputOpen(SecretFile.STANDARD_OUTPUT, spec.commandLine().getErr());
        spec.commandLine().getOut().println(X25519.generatePrivateKey().base64());
        spec.commandLine().getOut().flush();
        return ExitStatus.OK;
    }
}
