package org.rait.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything one pass will do, interface by interface, in order: creations, updates, removals, and the
 * interfaces already as wanted. Warnings are things the operator should know that are not failures
 * (an unresolvable endpoint, a skipped peer).
 */
public record TunnelPlan(Identity identity, List<TunnelChange> changes, List<PlanWarning> warnings) {
    public TunnelPlan {
        Objects.requireNonNull(identity, "identity");
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }

    /** The changes of one kind, in plan order (a loop: no stream, lambda or method reference on a one-shot's way: OneShotLinkingTest). */
    public <T extends TunnelChange> List<T> of(Class<T> kind) {
        List<T> these = new ArrayList<>();
        for (TunnelChange c : changes) if (kind.isInstance(c)) these.add(kind.cast(c));
        return List.copyOf(these);
    }

    /** Interface names the plan keeps or makes, in plan order. */
    public List<String> desiredNames() {
        // loops, not streams: every pass of a one-shot command asks, interpreted
        List<String> names = new ArrayList<>(changes.size());
        for (TunnelChange c : changes) if (!(c instanceof TunnelChange.Remove)) names.add(c.ifname());
        return List.copyOf(names);
    }

    /** Interface names that several peers claim (one send_port, one family), for status and metrics. */
    public List<PlanWarning.SendPortConflict> sendPortConflicts() {
        List<PlanWarning.SendPortConflict> conflicts = new ArrayList<>();
        for (PlanWarning w : warnings) if (w instanceof PlanWarning.SendPortConflict c) conflicts.add(c);
        return List.copyOf(conflicts);
    }

    public boolean changesNothing() {
        for (TunnelChange c : changes) if (!(c instanceof TunnelChange.Unchanged)) return false;
        return true;
    }
}
