#!/usr/bin/env bash
# Start-up of the short commands in the project's VM (root; one boot): for each N, `java -version`,
# `rait up --check`, `rait list` and a no-op `rait up` (REPS rounds, kernel WireGuard, N tunnels
# in place), each with a class-load log. Prints, in guest seconds, each command's median and its
# difference to `java -version` (issue 13: within 1 s at N = 10; a no-op `up` <= 4 s at N = 200),
# whether the guest maps bin/rait's AppCDS archive, where a run spends its time (JVM uptime at which
# each phase loads its first class, medians) and the no-op `up`'s own phase times (its recap line).
# The VM is about 70x slower than the host: compare the ratios, not the seconds.
#   usage: sudo testing/bench/vm-startup.sh [N...]    (default 10 200)
#   env:   REPS (3), SKIP_BUILD=1 (use what is built), RAIT_VM_EXTRA_OPTS (JVM options added to
#          bin/rait's, to try some in the guest), RECORD_IN_GUEST (1, the default: the AppCDS archive
#          recorded in the guest by bin/rait-cds-archive, as an installed node records its own; 0: the one
#          mvn package recorded on the host; see vm-startup-guest.sh), OUT (logs kept there, default agent/target/vm-startup)
# The VM runs under the VM lock (flock /var/tmp/rait-vm-run.lock), held only while it runs.
set -euo pipefail
top=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
cd "$top"
sizes=(${@:-10 200})
reps=${REPS:-3}
out=${OUT:-$top/agent/target/vm-startup}
[ "$(id -u)" = 0 ] || { echo "vm-startup.sh needs root (the VM)" >&2; exit 1; }
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # package: the jar and the AppCDS archive bin/rait uses (the guest sees this tree and this JVM)
  mvn -q -B -ntp -o -DskipTests -pl agent -am package > agent/target/vm-startup-build.log 2>&1 \
    || { tail -30 agent/target/vm-startup-build.log; echo "vm-startup: build failed" >&2; exit 1; }
fi
results=$(mktemp -d "$top/agent/target/vm-startup-XXXX")    # shared read-write with the guest
trap 'rm -rf "$results"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "vm-startup: N = ${sizes[*]}, $reps rounds; host load average $load_before, $(nproc) cores"
t0=$SECONDS
RAIT_VM_RWDIR=$results RAIT_VM_TIMEOUT=${RAIT_VM_TIMEOUT:-3600} \
  flock /var/tmp/rait-vm-run.lock "$top/testing/vm/vmrun.sh" \
  "$top/testing/vm/guest-tests.sh" env RAIT_VM_EXTRA_OPTS="${RAIT_VM_EXTRA_OPTS:-}" RECORD_IN_GUEST="${RECORD_IN_GUEST:-1}" \
  "$top/testing/bench/vm-startup-guest.sh" "$results" "$reps" "${sizes[@]}" \
  || echo "vm-startup: the VM stopped before the end; the figures so far:"
echo "vm-startup: the VM ran $((SECONDS - t0)) s; host load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
[ -s "$results/times" ] || { echo "vm-startup: no figures" >&2; exit 1; }
rm -rf "$out"
cp -r "$results" "$out"
echo "vm-startup: logs in $out"
python3 - "$out" <<'PY'
import collections, glob, os, re, statistics, sys
out = sys.argv[1]
times = collections.defaultdict(list)
failed = collections.Counter()
for line in open(os.path.join(out, "times")):
    n, label, rep, seconds, status = line.split()
    times[(int(n), label)].append(float(seconds))
    failed[(int(n), label)] += status != "0"

print(f"{'N':>4} {'command':<13} {'median s':>9} {'runs':>4} {'failed':>6} {'- java -version':>16} {'/ java -version':>16}")
for n in sorted({n for n, _ in times}):
    java = statistics.median(times[(n, "java_version")]) if times[(n, "java_version")] else None
    for label in ("java_version", "check", "list", "noop", "cold", "down"):
        v = times.get((n, label))
        if not v:
            continue
        med = statistics.median(v)
        diff = f"{med - java:+.2f}" if java and label != "java_version" else "-"
        ratio = f"{med / java:.1f}x" if java and label != "java_version" else "-"
        print(f"{n:>4} {label:<13} {med:>9.2f} {len(v):>4} {failed[(n, label)]:>6} {diff:>16} {ratio:>16}")

# First class of each phase, JVM uptime in ms (medians over the rounds).
markers = [("org.rait.cli.Main", "main class (JVM started)"), ("picocli.CommandLine", "picocli"),
           ("org.rait.cli.RaitFiles", "command called: rait.conf"), ("org.rait.configfile.PeerListBinder", "peer list"),
           ("org.rait.plan.ResolvedAddresses", "endpoints resolved"), ("org.rait.netlink.NamespaceThread", "namespace entered"),
           ("org.rait.netlink.NetlinkSocket", "netlink socket, observe"), ("org.rait.plan.Planner", "plan"),
           ("org.rait.tunnels.Reconciler", "apply"), ("org.rait.cli.ExitStatus", "done")]
def timeline(files):
    at = collections.defaultdict(list)
    ends = []
    for f in files:
        seen = {}
        last = 0
        for l in open(f):
            p = l.split()
            if len(p) < 2:
                continue
            t = int(p[0].strip("[]ns")) / 1e6
            last = t
            if p[1] not in seen:
                seen[p[1]] = t
        for cls, _ in markers:
            if cls in seen:
                at[cls].append(seen[cls])
        ends.append(last)
    return at, ends
for n in sorted({n for n, _ in times}):
    for label in ("check", "list", "noop"):
        files = sorted(glob.glob(os.path.join(out, f"classes.{n}.{label}.*.txt")))
        if not files:
            continue
        at, ends = timeline(files)
        row = [f"{statistics.median(at[c]):.0f} {name}" for c, name in markers if at[c]]
        print(f"N={n} {label} (uptime ms): " + "; ".join(row) + f"; last class {statistics.median(ends):.0f}")
    # The no-op up's own phase times (its recap line), medians.
    phases = collections.defaultdict(list)
    for f in glob.glob(os.path.join(out, f"err.{n}.noop.*.txt")):
        for l in open(f):
            if "event=recap" in l:
                for k, v in re.findall(r"(\w+_ms)=([\d.]+)", l):
                    phases[k].append(float(v))
    if phases:
        print(f"N={n} noop recap (ms): " + " ".join(f"{k}={statistics.median(v):.0f}" for k, v in phases.items()))
PY
python3 "$top/testing/bench/vm-class-origins.py" "$out"
