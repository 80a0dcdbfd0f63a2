package org.rait.cli;

import org.rait.configfile.ConfigException;
import org.rait.configfile.ConfigProblem;
import picocli.CommandLine;

import java.io.UncheckedIOException;

/** Turns exceptions into clear lines on stderr instead of a stack trace. */
final class OperatorErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        Throwable shown = e instanceof UncheckedIOException u ? u.getCause() : e;
        ConfigException config = configProblems(shown);
        if (config != null) {
            // One problem per line, file:line:column: key: message, so editors and grep can use it.
            for (ConfigProblem problem : config.problems()) cmd.getErr().println(problem);
            cmd.getErr().flush();
            return ExitStatus.USAGE;
        }
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        cmd.getErr().println("rait: " + message);
        if (System.getenv("RAIT_DEBUG") != null) {
            shown.printStackTrace(cmd.getErr());
        }
        return shown instanceof UsageProblem ? ExitStatus.USAGE : ExitStatus.FAILED;
    }

    /** The config problems behind a failure, also when a command wrapped them (e.g. in a UsageProblem). */
    private static ConfigException configProblems(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConfigException c) return c;
        }
        return null;
    }
}
