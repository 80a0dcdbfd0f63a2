package org.rait.cli;

/** Exit statuses of `rait`, documented in README.md. */
public final class ExitStatus {
    /** Everything asked for was done. */
    public static final int OK = 0;
    /** The run went through, but something failed (an interface, a fetch); the recap says what. */
    public static final int FAILED = 1;
    /** Bad command line or a configuration that does not validate; nothing was applied. */
    public static final int USAGE = 2;
    /** The command exists in the interface but is not built in this version. */
    public static final int NOT_BUILT = 3;
    /** A plan was held back (for instance by the removal guard) and needs an operator. */
    public static final int HELD = 4;

    private ExitStatus() {
    }
}
