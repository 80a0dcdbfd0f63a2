package org.rait.cli;

import org.rait.config.RaitConfig;
import org.rait.config.Transport;
import org.rait.log.EventLog;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * RAIT v3's global options, `-c/--config`, `-d/--debug` and `-b/--bind`. RAIT takes them before the
 * command (`rait -c /etc/rait/rait.conf -d up`, as its users' unit files say); rait takes them after it
 * too. A command that sets none of them falls back to what was given before it.
 */
public final class GlobalOptions {
    private final OptionSpec location = CommandOptions.value(String.class, "URL",
            "rait.conf: a path, '-' for stdin, or an http(s) URL (default: " + RaitConfig.DEFAULT_PATH + ")", "-c", "--config").build();

    private final OptionSpec debug = CommandOptions.flag("Debug events, including the number of kernel write requests",
            "-d", "-v", "--debug");

    /** RAIT's patched bind support cannot exist here; say so once, the way bind_addr is answered. */
    private final OptionSpec bind = OptionSpec.builder("-b", "--bind").type(boolean.class)
            .description("Accepted for RAIT's unit files; has no effect (see bind_addr)")
            .setter(new ISetter() {
                @Override
                public <T> T set(T on) {
                    if (Boolean.TRUE.equals(on)) {
                        new EventLog(System.err, false).warn("bind_addr_ignored", "option", "--bind", "reason", Transport.BIND_NOTICE);
                    }
                    return null;
                }
            }).build();

    /** The options given before the command, null for that instance itself. */
    private final GlobalOptions beforeCommand;

    /** Adds the options to this command; beforeCommand is the root's instance (null for the root). */
    GlobalOptions(CommandSpec command, GlobalOptions beforeCommand) {
        this.beforeCommand = beforeCommand;
        command.addOption(location).addOption(debug).addOption(bind);
    }

    public String location() {
        String given = location.getValue();
        if (given != null) return given;
        return beforeCommand != null ? beforeCommand.location() : RaitConfig.DEFAULT_PATH;
    }

    public boolean debug() {
        return Boolean.TRUE.equals(debug.getValue()) || beforeCommand != null && beforeCommand.debug();
    }
}
