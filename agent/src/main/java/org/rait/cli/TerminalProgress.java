package org.rait.cli;

import org.rait.tunnels.Progress;

import java.io.PrintStream;

/**
 * A counter on one terminal line while a long apply runs; silent when output is not a terminal. Whether it is
 * one is asked only once an apply is long enough to show: System.console() costs every start ~2 ms, and most
 * runs (a check, a no-op) apply nothing.
 */
final class TerminalProgress implements Progress {
    private static final int WORTH_SHOWING = 5;
    private final PrintStream terminal;
    private Boolean onTerminal;

    private TerminalProgress(PrintStream terminal) {
        this.terminal = terminal;
    }

    /** Shows progress on stderr when rait runs on a terminal. */
    static Progress onTerminal() {
        return new TerminalProgress(System.err);
    }

    @Override
    public void step(int done, int total, String ifname) {
        if (total < WORTH_SHOWING) return;
        if (onTerminal == null) onTerminal = System.console() != null;
        if (!onTerminal) return;
        terminal.print("\r[" + done + "/" + total + "] " + ifname + "\033[K");
        if (done == total) terminal.print("\r\033[K");
        terminal.flush();
    }
}
