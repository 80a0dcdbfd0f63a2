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

    public <T extends TunnelChange> List<T> of(Class<T> kind) {
        return changes.stream().filter(kind::isInstance).map(kind::cast).toList();
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
        return changes.stream().allMatch(c -> c instanceof TunnelChange.Unchanged);
    }
}
