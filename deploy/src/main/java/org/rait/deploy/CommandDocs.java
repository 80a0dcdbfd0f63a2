package org.rait.deploy;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes bash completion scripts and man pages (AsciiDoc, for asciidoctor's manpage backend) from the picocli model
 * of both commands, at package time. It takes the full models the commands run with: `rait` builds its root with
 * only the command invoked (start-up time), so its annotation alone lists no commands.
 *
 * <p>Usage: {@code CommandDocs OUTDIR} writes OUTDIR/rait.bash-completion, OUTDIR/rait-registry.bash-completion
 * and OUTDIR/man-adoc/*.adoc.
 */
public final class CommandDocs {
    private CommandDocs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) throw new IllegalArgumentException("usage: CommandDocs OUTDIR");
        Path out = Path.of(args[0]);
        CommandLine rait = org.rait.cli.Main.commandLine();
        CommandLine registry = new CommandLine(new org.rait.registry.cli.Main());
        Files.createDirectories(out);
        Files.writeString(out.resolve("rait.bash-completion"), AutoComplete.bash("rait", rait), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("rait-registry.bash-completion"), AutoComplete.bash("rait-registry", registry),
                StandardCharsets.UTF_8);
        File manDir = out.resolve("man-adoc").toFile();
        Files.createDirectories(manDir.toPath());
        int status = ManPageGenerator.generateManPage(manDir, null, new boolean[0], true, rait.getCommandSpec(),
                registry.getCommandSpec());
        if (status != 0) throw new IllegalStateException("ManPageGenerator ended with " + status);
    }
}
