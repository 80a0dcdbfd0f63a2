package org.rait.cli;

import org.rait.plan.TunnelChange;
import org.rait.plan.TunnelPlan;
import org.rait.reconcile.Reconciler;

import java.io.PrintWriter;

/** The plan as the operator reads it: one line per interface, field changes indented under updates. */
final class PlanPrinter {
    private PlanPrinter() {
    }

    static void print(TunnelPlan plan, PrintWriter out, boolean withUnchanged, boolean withDiff) {
        for (TunnelChange change : plan.changes()) {
            if (change instanceof TunnelChange.Create c) {
                out.println("create " + c.ifname() + " " + Reconciler.describe(c.desired()));
            } else if (change instanceof TunnelChange.Recreate r) {
                out.println("recreate " + r.ifname() + " " + Reconciler.describe(r.desired()));
            } else if (change instanceof TunnelChange.Update u) {
                out.println("update " + u.ifname());
                if (withDiff) Reconciler.diffLines(u).forEach(line -> out.println("  " + line));
            } else if (change instanceof TunnelChange.Remove r) {
                out.println("remove " + r.ifname());
            } else if (withUnchanged) {
                out.println("ok " + change.ifname());
            }
        }
        out.flush();
    }
}
