package org.rait.cli;

import org.rait.keys.WgKey;
import org.rait.keys.X25519;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** `rait pubkey`. */
final class PubkeyCommand implements Callable<Integer> {
    /** A key is 44 characters; anything much longer is not a key, and is not read into memory. */
    private static final int MAX_INPUT = 1024;

    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);

    private PubkeyCommand() {
        spec.usageMessage().description("Read a private key on stdin, print its public key (like wg pubkey)");
        CommandOptions.withHelp(spec);
    }

    /** The key commands take no rait.conf, so none of the global options. */
    static CommandSpec model(GlobalOptions beforeCommand) {
        return new PubkeyCommand().spec;
    }

    @Override
    public Integer call() throws IOException {
        WgKey privateKey = readKey(System.in);
        spec.commandLine().getOut().println(X25519.publicKey(privateKey).base64());
        spec.commandLine().getOut().flush();
        return ExitStatus.OK;
    }

    private static WgKey readKey(InputStream in) throws IOException {
        byte[] input = in.readNBytes(MAX_INPUT + 1);
        if (input.length > MAX_INPUT) throw new UsageProblem("stdin is not a private key: more than " + MAX_INPUT + " bytes");
        try {
            return WgKey.parseBase64(new String(input, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new UsageProblem("stdin is not a private key (32 bytes of base64, as wg genkey prints): " + e.getMessage());
        }
    }
}
