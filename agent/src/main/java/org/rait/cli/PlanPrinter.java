package org.rait.cli;

import org.rait.agent.PassReport;
import org.rait.plan.FieldDifference;
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
                if (withDiff) {
                    for (FieldDifference d : u.differences()) out.println("  " + d);
                }
            } else if (change instanceof TunnelChange.Remove r) {
                out.println("remove " + r.ifname());
            } else if (withUnchanged) {
                out.println("ok " + change.ifname());
            }
        }
        out.flush();
    }

    /**
     * The end of a single pass: the plan when asked for, the recap line (what a check would give), and why nothing was
     * applied when it was not.
     *
     * @return the exit status
     */
    static int finish(PassReport report, PrintWriter out, PrintWriter err, boolean showPlan, boolean withUnchanged) {
        // Plain conditionals rather than lambdas here and on the rest of a short command's path: linking a
        // lambda costs every start about 0.3 ms (5 ms in the VM guest), docs/benchmarks.md "Start-up".
        if (showPlan && report.plan().isPresent()) print(report.plan().get(), out, withUnchanged, true);
        if (report.line().isPresent()) out.println(report.line().get());
        out.flush();
        switch (report.action()) {
            case HELD -> err.println("rait: plan held back, it removes too many peers at once: " + report.detail()
                    + "; `rait up --force` applies it");
            case FAILED, NOTHING -> err.println("rait: " + report.news().label() + ", nothing applied: " + report.detail());
            case APPLIED, CHECKED -> {
                if (report.news() == PassReport.News.REFUSED || report.news() == PassReport.News.UNREACHABLE) {
                    err.println("rait: peer list " + report.news().label() + "; the tunnels follow the last verified snapshot");
                }
            }
        }
        err.flush();
        return ExitStatus.of(report);
    }
}
