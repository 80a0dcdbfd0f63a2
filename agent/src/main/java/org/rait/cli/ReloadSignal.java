package org.rait.cli;

import org.rait.agent.AgentLoop;
import org.rait.config.RaitConfig;
import org.rait.log.EventLog;
import org.rait.systemd.ServiceManager;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SIGHUP (`systemctl reload rait-agent`) re-reads rait.conf in place. The new file is read and checked on the
 * signal's thread: a good one ends the running loop after its pass so that the agent carries on with it (the
 * tunnels stay up, as across a restart); one that does not validate is logged and changes nothing. Without a
 * handler the JVM would treat SIGHUP as a request to exit. A process started with SIGHUP ignored (under nohup)
 * keeps ignoring it: the JVM installs no handler then, and the agent says so once instead of reloading silently never.
 */
final class ReloadSignal {
    private static final Signal HUP = new Signal("HUP");

    private final AtomicReference<RaitConfig> next = new AtomicReference<>();

    private ReloadSignal() {
    }

    /** Handles SIGHUP for this loop (a later call replaces the handler for the next loop). */
    static ReloadSignal install(String location, AgentLoop loop, ServiceManager systemd, EventLog log) {
        ReloadSignal reload = new ReloadSignal();
        SignalHandler previous = Signal.handle(HUP, signal -> {
            log.info("reload", "config", location);
            try {
                reload.next.set(RaitFiles.config(location));
                SecretFile.warnIfConfigOpen(location);
                systemd.reloading("reading " + location);
                loop.stop();
            } catch (RuntimeException e) {
                log.error("reload_refused", "config", location, "detail", String.valueOf(e.getMessage()),
                        "hint", "the agent runs on with the configuration it has");
            }
        });
        if (previous == SignalHandler.SIG_IGN) {
            log.warn("reload_unavailable", "reason", "SIGHUP was ignored when the agent started (nohup?), so the JVM does not handle it",
                    "hint", "restart the agent to read rait.conf again; systemd starts it with SIGHUP handled");
        }
        return reload;
    }

    /** The configuration a SIGHUP asked for, once the loop has ended; empty when it ended for another reason. */
    Optional<RaitConfig> requested() {
        return Optional.ofNullable(next.get());
    }
}
