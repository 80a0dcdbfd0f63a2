#!/usr/bin/env bash
# Reconcile benchmark on kernel WireGuard, in the project's VM (root; one boot): for each N, 3 rounds of
# cold `rait up`, no-op `rait up`, `rait up` with one peer more and `rait down` (one target namespace,
# N peers with one ip4 endpoint each, kernel backend), and in the same boot the floor made of Debian's
# tools (one `ip -batch` adding N wireguard links with mtu, group, address and up; `ip link delete group`).
# Prints medians in guest seconds and each figure's ratio to the floor of the same N, so that runs on
# different days (or a slower VM) compare. The VM is about 70x slower than the host: N = 200 takes long.
#   usage: sudo testing/bench/vm-reconcile.sh [N...]      (default 10 50 100 200; REPS=3)
#   needs: mvn -q -B -DskipTests package; qemu (testing/vm/vmrun.sh installs it); runs under the VM lock.
set -euo pipefail
top=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
sizes=("${@:-10 50 100 200}")
reps=${REPS:-3}
[ "$(id -u)" = 0 ] || { echo "vm-reconcile.sh needs root (the VM)" >&2; exit 1; }
[ -f "$top/agent/target/classes/org/rait/cli/Main.class" ] || { echo "build first: mvn -q -B -DskipTests package" >&2; exit 1; }
mkdir -p "$top/agent/target"
results=$(mktemp -d "$top/agent/target/vm-bench-XXXX")    # shared read-write with the guest (its /tmp and /var/tmp are its own)
trap 'rm -rf "$results"' EXIT
export RAIT_VM_RWDIR=$results RAIT_VM_TIMEOUT=${RAIT_VM_TIMEOUT:-5400}
echo "vm-reconcile: N = ${sizes[*]}, $reps rounds; host load average $(cut -d' ' -f1-3 /proc/loadavg)"
flock /var/tmp/rait-vm-run.lock "$top/testing/vm/vmrun.sh" \
  "$top/testing/vm/guest-tests.sh" "$top/testing/bench/vm-reconcile-guest.sh" "$results/times" "$reps" ${sizes[*]} \
  || echo "vm-reconcile: the VM stopped before the end; the figures so far:"
[ -s "$results/times" ] || { echo "vm-reconcile: no figures" >&2; exit 1; }
python3 - "$results/times" <<'PY'
import collections, statistics, sys
times = collections.defaultdict(list)
writes = {}
for line in open(sys.argv[1]):
    n, step, rep, seconds, count = line.split()
    times[(int(n), step)].append(float(seconds))
    writes[(int(n), step)] = count
sizes = sorted({n for n, _ in times})
print(f"{'N':>4} {'step':<13} {'median s':>9} {'runs':>4} {'writes':>7} {'x floor':>8}   (guest seconds)")
for n in sizes:
    if (n, 'floor_delete') not in times:
        continue  # the round of this N did not finish
    floor_add = statistics.median(times[(n, 'floor_add')])
    floor_del = statistics.median(times[(n, 'floor_delete')])
    for step in ('cold', 'noop', 'plus1', 'down', 'floor_add', 'floor_delete'):
        if (n, step) not in times:
            continue
        med = statistics.median(times[(n, step)])
        base = floor_del if step in ('down', 'floor_delete') else floor_add
        print(f"{n:>4} {step:<13} {med:>9.2f} {len(times[(n, step)]):>4} {writes[(n, step)]:>7} {med / base if base else float('nan'):>8.1f}")
PY
