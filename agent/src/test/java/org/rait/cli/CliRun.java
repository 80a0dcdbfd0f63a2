package org.rait.cli;

import org.rait.testing.ConsoleRun;

/** One `rait` invocation through {@link Main#run}, with stdin given and stdout/stderr captured. */
public record CliRun(int status, String out, String err) {
    public static CliRun run(String stdin, String... args) {
        ConsoleRun run = ConsoleRun.capture(stdin, () -> Main.run(args));
        return new CliRun(run.status(), run.out(), run.err());
    }
}
