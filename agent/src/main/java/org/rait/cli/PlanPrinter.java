package org.rait.cli;

import org.rait.plan.TunnelChange;
import org.rait.plan.TunnelPlan;

import java.io.PrintWriter;

/** The plan as the operator reads it: one line per interface, field changes indented under updates. */
final class PlanPrinter {
    private PlanPrinter() {
    }

    static void print(TunnelPlan plan, PrintWriter out, boolean withUnchanged, boolean withDiff) {
        for (TunnelChange change : plan.changes()) {
            if (change instanceof TunnelChange.Create c) {
                out.println("create " + c.ifname() + " " + c.desired().settings());
            } else if (change instanceof TunnelChange.Recreate r) {
                out.println("recreate " + r.ifname() + " " + r.desired().settings());
            } else if (change instanceof TunnelChange.Update u) {
                out.println("update " + u.ifname());
                if (withDiff) u.differences().forEach(d -> out.println("  " + d));
            } else if (change instanceof TunnelChange.Remove r) {
                out.println("remove " + r.ifname());
            } else if (withUnchanged) {
                out.println("ok " + change.ifname());
            }
        }
        out.flush();
    }
}
