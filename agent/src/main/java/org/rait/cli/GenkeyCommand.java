package org.rait.cli;

import org.rait.keys.X25519;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** `rait genkey`. */
final class GenkeyCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);

    private GenkeyCommand() {
        spec.usageMessage().description("Print a new private key (like wg genkey)");
        CommandOptions.withHelp(spec);
    }

    /** The key commands take no rait.conf, so none of the global options. */
    static CommandSpec model(GlobalOptions beforeCommand) {
        return new GenkeyCommand().spec;
    }

    @Override
    public Integer call() {
        SecretFile.warnIfKeyOutputOpen(SecretFile.STANDARD_OUTPUT, spec.commandLine().getErr());
        spec.commandLine().getOut().println(X25519.generatePrivateKey().base64());
        spec.commandLine().getOut().flush();
        return ExitStatus.OK;
    }
}
