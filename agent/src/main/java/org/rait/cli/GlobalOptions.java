package org.rait.cli;

import org.rait.config.RaitConfig;
import org.rait.config.Transport;
import org.rait.log.EventLog;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * RAIT v3's global options, `-c/--config`, `-d/--debug` and `-b/--bind`. RAIT takes them before the
 * command (`rait -c /etc/rait/rait.conf -d up`, as its users' unit files say); rait takes them after it
 * too. A command that sets none of them falls back to what was given before it.
 */
public final class GlobalOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-c", "--config"}, paramLabel = "URL",
            description = "rait.conf: a path, '-' for stdin, or an http(s) URL (default: " + RaitConfig.DEFAULT_PATH + ")")
    String location;

    @Option(names = {"-d", "-v", "--debug"}, description = "Debug events, including the number of kernel write requests")
    boolean debug;

    /** RAIT's patched bind support cannot exist here; say so once, the way bind_addr is answered. */
    @Option(names = {"-b", "--bind"}, description = "Accepted for RAIT's unit files; has no effect (see bind_addr)")
    void bind(boolean on) {
        if (on) new EventLog(System.err, false).warn("bind_addr_ignored", "option", "--bind", "reason", Transport.BIND_NOTICE);
    }

    public String location() {
        if (location != null) return location;
        GlobalOptions before = beforeCommand();
        return before != null && before.location != null ? before.location : RaitConfig.DEFAULT_PATH;
    }

    public boolean debug() {
        GlobalOptions before = beforeCommand();
        return debug || before != null && before.debug;
    }

    /** The options given before the command, null when this is that instance. */
    private GlobalOptions beforeCommand() {
        return mixee.root().userObject() instanceof RaitCommand root && root.global != this ? root.global : null;
    }
}
