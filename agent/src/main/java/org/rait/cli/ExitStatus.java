package org.rait.cli;

import org.rait.agent.PassReport;

/** Exit statuses of `rait`, documented in README.md. */
public final class ExitStatus {
    /** Everything asked for was done. */
    public static final int OK = 0;
    /** The run went through, but something failed (an interface, a fetch); the recap says what. */
    public static final int FAILED = 1;
    /** Bad command line or a configuration that does not validate; nothing was applied. */
    public static final int USAGE = 2;
    /** The command is not in this installation (the demo without its module). */
    public static final int NOT_BUILT = 3;
    /** A plan was held back (for instance by the removal guard) and needs an operator. */
    public static final int HELD = 4;

    private ExitStatus() {
    }

    /** How a single pass (`rait up`, `rait up --check`, `rait agent --once`, `rait down`) ends the command. */
    static int of(PassReport report) {
        return switch (report.action()) {
            case HELD -> HELD;
            case FAILED -> FAILED;
            case APPLIED, CHECKED, NOTHING -> switch (report.news()) {
                // The tunnels were kept as they were, but the peer list asked for was not had.
                case REFUSED, UNREACHABLE -> FAILED;
                case FRESH, UNCHANGED, CACHE, DRIFT, DOWN, NONE -> succeeded(report) ? OK : FAILED;
            };
        };
    }

    private static boolean succeeded(PassReport report) {
        return (report.recap().isEmpty() || report.recap().get().succeeded()) && !report.babeld().failed();
    }
}
