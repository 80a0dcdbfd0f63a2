package org.rait.reconcile;

import java.io.PrintStream;

/** A counter on one terminal line while a long apply runs; silent when output is not a terminal. */
public final class Progress {
    private static final int WORTH_SHOWING = 5;
    private final PrintStream terminal;

    private Progress(PrintStream terminal) {
        this.terminal = terminal;
    }

    public static Progress none() {
        return new Progress(null);
    }

    /** Shows progress on stderr when rait runs on a terminal. */
    public static Progress onTerminal() {
        return new Progress(System.console() != null ? System.err : null);
    }

    void step(int done, int total, String ifname) {
        if (terminal == null || total < WORTH_SHOWING) return;
        terminal.print("\r[" + done + "/" + total + "] " + ifname + "\033[K");
        if (done == total) terminal.print("\r\033[K");
        terminal.flush();
    }
}
