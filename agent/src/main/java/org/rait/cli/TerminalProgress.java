package org.rait.cli;

import org.rait.tunnels.Progress;

import java.io.PrintStream;

/** A counter on one terminal line while a long apply runs; silent when output is not a terminal. */
final class TerminalProgress implements Progress {
    private static final int WORTH_SHOWING = 5;
    private final PrintStream terminal;

    private TerminalProgress(PrintStream terminal) {
        this.terminal = terminal;
    }

    /** Shows progress on stderr when rait runs on a terminal. */
    static Progress onTerminal() {
        return System.console() != null ? new TerminalProgress(System.err) : Progress.none();
    }

    @Override
    public void step(int done, int total, String ifname) {
        if (total < WORTH_SHOWING) return;
        terminal.print("\r[" + done + "/" + total + "] " + ifname + "\033[K");
        if (done == total) terminal.print("\r\033[K");
        terminal.flush();
    }
}
