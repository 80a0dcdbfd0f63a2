package org.rait.cli;

import picocli.CommandLine;

import java.io.UncheckedIOException;

/** Turns exceptions into one clear line on stderr instead of a stack trace. */
final class OperatorErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        Throwable shown = e instanceof UncheckedIOException u ? u.getCause() : e;
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        cmd.getErr().println("rait: " + message);
        if (System.getenv("RAIT_DEBUG") != null) {
            shown.printStackTrace(cmd.getErr());
        }
        return shown instanceof UsageProblem ? ExitStatus.USAGE : ExitStatus.FAILED;
    }
}
