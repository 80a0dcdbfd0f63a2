package org.rait.registry.cli;

/** Exit statuses of `rait-registry`. */
final class ExitCodes {
    static final int OK = 0;
    /** The request was refused or failed (the message says why). */
    static final int FAILED = 1;
    /** Bad command line or config. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
