package org.rait.babeld;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides what to tell babeld so that it runs on exactly rait's managed interfaces. Pure.
 *
 * <p>Rules:
 * <ul>
 * <li>{@code interface NAME PARAM} only for managed interfaces babeld does not run on. babeld's
 *     {@code dump} does not show an interface's settings, and babeld 1.12 answers {@code ok} to a
 *     repeated {@code interface} but ignores its settings ("new configuration ignored"), so re-sending
 *     could neither detect nor fix a changed {@code param}. A changed {@code param} therefore applies
 *     to interfaces added after the change (or after a babeld restart).</li>
 * <li>{@code flush interface NAME} for interfaces babeld runs on that are rait's
 *     ({@link RaitInterfaces#owns}) but no longer managed. Everything else babeld runs on ({@code host},
 *     {@code eth0}, names from babeld.conf) is left alone.</li>
 * <li>{@code extra_cmd} last, every time, one command per non-blank line: babeld may have been
 *     restarted since the last sync, and the commands it is meant for ({@code interface host ...},
 *     filters) are idempotent. A second sync with nothing changed therefore sends only these.</li>
 * </ul>
 */
public final class SyncPlanner {
    private SyncPlanner() {
    }

    public static List<SyncStep> plan(RaitInterfaces rait, Collection<String> babeldInterfaces, String param,
                                      String extraCmd) {
        Set<String> running = new TreeSet<>(babeldInterfaces);
        List<SyncStep> steps = new ArrayList<>();
        for (String name : rait.managed()) {
            if (!running.contains(name)) steps.add(new SyncStep.AddInterface(name, param));
        }
        for (String name : running) {
            if (!rait.managed().contains(name) && rait.owns(name)) steps.add(new SyncStep.FlushInterface(name));
        }
        extraCmd.lines().map(String::strip).filter(line -> !line.isEmpty())
                .forEach(line -> steps.add(new SyncStep.ExtraCommand(line)));
        return steps;
    }
}
