package org.rait.cli;

/** A problem the operator fixes in the command line or a config file; exits with {@link ExitStatus#USAGE}. */
public class UsageProblem extends RuntimeException {
    public UsageProblem(String message) {
        super(message);
    }

    public UsageProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
