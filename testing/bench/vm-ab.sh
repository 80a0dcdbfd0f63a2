#!/usr/bin/env bash
# A/B start-up benchmark in the project's VM (root; one boot): two or more variants, each a built source
# tree (`mvn -q -B -ntp -o -DskipTests package`, e.g. two git worktrees) with, optionally, JVM options
# appended to that tree's bin/rait's own (as if bin/rait had them: for its AppCDS recording and every
# command). Each variant's archive is recorded in the guest, as an installed node records its own
# (vm-guest-archive.sh); then REPS interleaved rounds (the variants' order rotated per round) of, at N
# kernel tunnels: `java -version`, cold `up`, no-op `up`, `up` with one peer more, `list`, `down`
# (testing/bench/vm-ab-guest.sh). Prints per variant each step's median and its difference to
# `java -version`, per pair of variants the median of the paired per-round differences (B - A), the
# classes each command loaded (round 1's class-load logs; "not shared": not from a CDS archive), and
# whether the variants printed the same. Rounds drift within a boot (the first is slowest): only the
# paired differences compare variants. Guest seconds; the VM is ~70x slower than the host.
#   usage: sudo testing/bench/vm-ab.sh TREE[:OPTS] TREE[:OPTS]...     (the variants are named A, B, ...)
#   e.g.   sudo testing/bench/vm-ab.sh /work/main /work/wt/NAME
#          sudo testing/bench/vm-ab.sh /work/main /work/main:'-Xint'    (one tree, two sets of options)
#   env:   REPS (5), N (10), OUT (the logs are kept there; default agent/target/vm-ab of this script's tree),
#          RAIT_VM_TIMEOUT (s, 1800)
# It takes the VM lock (flock /var/tmp/rait-vm-run.lock) itself, held only while the VM runs: never wrap it in flock.
set -euo pipefail
top=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
reps=${REPS:-5} n=${N:-10}
out=${OUT:-$top/agent/target/vm-ab}
[ "$(id -u)" = 0 ] || { echo "vm-ab.sh needs root (the VM)" >&2; exit 1; }
[ $# -ge 2 ] || { sed -n 's/^#   usage: //p' "$0" >&2; exit 2; }
variants=() keep=() names=(A B C D E F G H)
i=0
for arg do
  tree=$(readlink -f "${arg%%:*}") opts=
  [[ $arg == *:* ]] && opts=${arg#*:}
  ls "$tree"/agent/target/agent-*.jar "$tree/agent/target/lib" "$tree/bin/rait" > /dev/null \
    || { echo "vm-ab: $tree is not a built tree (mvn -q -B -ntp -o -DskipTests package)" >&2; exit 2; }
  [[ $opts != *[\"\$\\\`\'\|]* ]] || { echo "vm-ab: options must not contain quotes, \$, \\ or |: $opts" >&2; exit 2; }
  case $tree in /tmp/*|/run/*|/var/tmp/*) keep+=("$tree") ;; esac    # the guest has its own tmpfs there
  variants+=("${names[i]}" "$tree" "$opts")
  echo "vm-ab: ${names[i]} = $tree${opts:+ with $opts}"
  i=$((i + 1))
done
mkdir -p "$top/agent/target"
results=$(mktemp -d "$top/agent/target/vm-ab-XXXX")    # shared read-write with the guest
trap 'rm -rf "$results"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "vm-ab: N = $n, $reps rounds; host load average $load_before, $(nproc) cores"
t0=$SECONDS
RAIT_VM_RWDIR=$results RAIT_VM_TIMEOUT=${RAIT_VM_TIMEOUT:-1800} RAIT_VM_KEEP=$(IFS=,; echo "${keep[*]}") \
  flock /var/tmp/rait-vm-run.lock "$top/testing/vm/vmrun.sh" \
  "$top/testing/vm/guest-tests.sh" "$top/testing/bench/vm-ab-guest.sh" "$results" "$reps" "$n" "${variants[@]}" \
  || echo "vm-ab: the VM stopped before the end; the figures so far:"
echo "vm-ab: the VM ran $((SECONDS - t0)) s; host load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
[ -s "$results/times" ] || { echo "vm-ab: no figures" >&2; exit 1; }
rm -rf "$out"
cp -r "$results" "$out"
echo "vm-ab: logs in $out"
python3 - "$out" <<'PY'
import collections, filecmp, itertools, os, statistics, sys
out = sys.argv[1]
steps = ("java_version", "cold", "noop", "plus1", "list", "down")
t = collections.defaultdict(dict)          # (variant, step) -> {round: seconds}
failed = collections.Counter()
for line in open(os.path.join(out, "times")):
    v, step, rep, seconds, status = line.split()
    t[(v, step)][int(rep)] = float(seconds)
    failed[(v, step)] += status != "0"
variants = sorted({v for v, _ in t})
def med(v, step):
    return statistics.median(t[(v, step)].values()) if t[(v, step)] else None
def classes(v, step):  # (all, not from a CDS archive) in round 1's log
    try:
        lines = [l for l in open(os.path.join(out, v, f"classes.{step}.txt")) if " source: " in l]
    except OSError:
        return "-"
    return f"{len(lines)} ({sum('shared objects file' not in l for l in lines)})"
print(f"{'variant':<7} {'step':<13} {'median s':>8} {'runs':>4} {'failed':>6} {'- java -version':>15}  {'classes (not shared)':>20}  per round")
for v in variants:
    java = med(v, "java_version")
    for step in steps:
        m = med(v, step)
        if m is None:
            continue
        diff = f"{m - java:+.2f}" if step != "java_version" else "-"
        rounds = " ".join(f"{t[(v, step)][r]:.2f}" for r in sorted(t[(v, step)]))
        print(f"{v:<7} {step:<13} {m:>8.2f} {len(t[(v, step)]):>4} {failed[(v, step)]:>6} {diff:>15}  {classes(v, step):>20}  {rounds}")
print("paired differences, median over the rounds of (B - A) in the same round, guest s (range in brackets):")
for a, b in itertools.combinations(variants, 2):
    row = []
    for step in steps:
        d = [t[(b, step)][r] - t[(a, step)][r] for r in t[(a, step)] if r in t[(b, step)]]
        if d:
            row.append(f"{step} {statistics.median(d):+.3f} [{min(d):+.2f}..{max(d):+.2f}]")
    print(f"  {b} - {a}: " + "; ".join(row))
    same = [step for step in steps[1:] if os.path.exists(os.path.join(out, a, f"out.{step}.1.txt"))
            and filecmp.cmp(os.path.join(out, a, f"out.{step}.1.txt"), os.path.join(out, b, f"out.{step}.1.txt"), shallow=False)]
    differ = [step for step in steps[1:] if step not in same and os.path.exists(os.path.join(out, a, f"out.{step}.1.txt"))]
    print(f"  {b} vs {a}, round 1's standard output: " + (f"differs for {', '.join(differ)}" if differ else "the same"))
PY
