#!/usr/bin/env bash
# Reconcile benchmark on kernel WireGuard, in the project's VM (root; one boot). Builds on the host,
# boots the VM once and runs testing/bench/vm-reconcile-guest.sh there: for each N, REPS interleaved
# rounds of cold `rait up`, no-op `rait up`, `rait up` with one peer more and `rait down` (one target
# namespace, N peers with one ip4 endpoint each, kernel backend), each next to the floor made of
# Debian's tools in the same boot (one `ip -batch` adding N wireguard links with mtu, group, address
# and up; `ip link delete group`); then `rait agent` at N = AGENT_N, its pass times read from its own
# metrics. Prints medians in guest seconds and each figure's ratio to the floor of the same N, so that
# runs on different days (or on a slower or busier host) compare, and the issue's goals with the
# figure each is judged by. The VM is about 70x slower than the host.
#   usage: sudo testing/bench/vm-reconcile.sh [N...]    (default 10 50 100 200)
#   env:   REPS (3; 0 = the agent only, a few minutes), AGENT_N (the largest N; 0 = no agent), SKIP_BUILD=1 (use what is built),
#          RAIT_VM_TIMEOUT (s, 7200), OUT (the raw figures are kept there, default
#          agent/target/vm-reconcile.txt; the agent's pass lines and whole log beside it, OUT-classes/ the archive used and round 1's class-load logs), PROFILE=1 (after
#          the rounds, one cold up, no-op up and down at the largest N under Java Flight Recorder:
#          OUT-STEP.jfr and their hottest methods), RECORD_IN_GUEST (1, the default: the one-shots use the
#          AppCDS archive the guest records for itself with bin/rait-cds-archive, as an installed node
#          does; 0: the one mvn package recorded on the host)
#   cheap:  REPS=1 AGENT_N=0 testing/bench/vm-reconcile.sh 200     (one N, one round, no agent)
#           REPS=0 testing/bench/vm-reconcile.sh 200                (the agent at N = 200 only)
# The VM runs under the VM lock (flock /var/tmp/rait-vm-run.lock), held only while it runs.
set -euo pipefail
top=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
cd "$top"
sizes=(${@:-10 50 100 200})
reps=${REPS:-3}
agent_n=${AGENT_N:-$(printf '%s\n' "${sizes[@]}" | sort -n | tail -1)}
out=${OUT:-$top/agent/target/vm-reconcile.txt}
[ "$(id -u)" = 0 ] || { echo "vm-reconcile.sh needs root (the VM)" >&2; exit 1; }
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  t0=$SECONDS
  # package: the jar and the AppCDS archive bin/rait uses (the guest sees this tree and this JVM)
  mvn -q -B -ntp -o -DskipTests -pl agent -am package > agent/target/vm-reconcile-build.log 2>&1 \
    || mvn -q -B -ntp -DskipTests -pl agent -am package > agent/target/vm-reconcile-build.log 2>&1 \
    || { tail -30 agent/target/vm-reconcile-build.log; echo "vm-reconcile: build failed" >&2; exit 1; }
  echo "vm-reconcile: built in $((SECONDS - t0)) s"
fi
[ -f agent/target/classes/org/rait/cli/Main.class ] || { echo "build first: mvn -q -B -DskipTests package" >&2; exit 1; }
results=$(mktemp -d "$top/agent/target/vm-bench-XXXX")    # shared read-write with the guest (its /tmp and /var/tmp are its own)
trap 'rm -rf "$results"' EXIT
export RAIT_VM_RWDIR=$results RAIT_VM_TIMEOUT=${RAIT_VM_TIMEOUT:-7200}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "vm-reconcile: N = ${sizes[*]}, $reps rounds, agent at N = $agent_n; host load average $load_before, $(nproc) cores"
t0=$SECONDS
flock /var/tmp/rait-vm-run.lock "$top/testing/vm/vmrun.sh" \
  "$top/testing/vm/guest-tests.sh" env PROFILE="${PROFILE:-0}" RECORD_IN_GUEST="${RECORD_IN_GUEST:-1}" "$top/testing/bench/vm-reconcile-guest.sh" "$results/times" "$reps" "$agent_n" "${sizes[@]}" \
  || echo "vm-reconcile: the VM stopped before the end; the figures so far:"
echo "vm-reconcile: the VM ran $((SECONDS - t0)) s; host load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
[ -s "$results/times" ] || { echo "vm-reconcile: no figures" >&2; exit 1; }
cp "$results/times" "$out"
[ -f "$results/agent-passes.log" ] && cp "$results/agent-passes.log" "${out%.txt}-agent-passes.log"
[ -f "$results/agent.log" ] && cp "$results/agent.log" "${out%.txt}-agent.log"
[ -f "$results/recaps.log" ] && cp "$results/recaps.log" "${out%.txt}-recaps.log"
for f in "$results"/*.jfr; do [ -f "$f" ] && cp "$f" "${out%.txt}-$(basename "$f")"; done
# which AppCDS archive, its recording's output and round 1's class-load logs
rm -rf "${out%.txt}-classes"; mkdir -p "${out%.txt}-classes"
cp "$results"/archive.txt "$results"/record.txt "$results"/classes.*.txt "${out%.txt}-classes/" 2>/dev/null || true
echo "vm-reconcile: raw figures in $out"
python3 "$top/testing/bench/vm-class-origins.py" "${out%.txt}-classes"
python3 - "$results/times" "$results/agent-passes.log" "$results/recaps.log" <<'PY'
import collections, os, re, statistics, sys
values = collections.defaultdict(list)
extra = {}
for line in open(sys.argv[1]):
    n, step, rep, value, writes, status, rss = line.split()
    values[(int(n), step)].append(float(value))
    e = extra.setdefault((int(n), step), {'writes': writes, 'failed': 0, 'rss': []})
    e['writes'] = writes
    e['failed'] += status != '0'
    if rss != '-':
        e['rss'].append(int(rss))

def median(n, step):
    v = values.get((n, step))
    return statistics.median(v) if v else None

java = median(0, 'java_version')
if java is not None:
    print(f"java -version: median {java:.2f} s of {len(values[(0, 'java_version')])}")
print(f"{'N':>4} {'step':<13} {'median s':>9} {'runs':>4} {'failed':>6} {'writes':>6} {'peak MB':>7} {'x floor':>8}")
sizes = sorted({n for n, _ in values if n})
for n in sizes:
    floor_add, floor_del = median(n, 'floor_add'), median(n, 'floor_delete')
    for step in ('cold', 'noop', 'plus1', 'down', 'floor_add', 'floor_delete'):
        med = median(n, step)
        if med is None:
            continue
        base = floor_del if step in ('down', 'floor_delete') else floor_add
        e = extra[(n, step)]
        rss = f"{max(e['rss']) / 1024:.0f}" if e['rss'] else '-'
        ratio = f"{med / base:.1f}" if base else '-'
        print(f"{n:>4} {step:<13} {med:>9.2f} {len(values[(n, step)]):>4} {e['failed']:>6} {e['writes']:>6} {rss:>7} {ratio:>8}")

agent = sorted(n for n, step in values if step == 'agent_noop')
for n in agent:
    floor_add = median(n, 'floor_add')
    print(f"agent at N={n} (its own metrics):")
    for step, unit in (('agent_first_pass', 's'), ('agent_start_to_first_pass', 's'), ('agent_noop', 's'),
                       ('agent_plus1', 's'), ('agent_drift_passes_after_change', 'passes'), ('agent_rss_mb', 'MB')):
        med = median(n, step)
        if med is None:
            continue
        ratio = f"  {med / floor_add:.2f}x floor_add" if unit == 's' and floor_add else ''
        runs = values[(n, step)]
        print(f"  {step:<32} {med:>9.3f} {unit:<6} (of {', '.join(f'{v:g}' for v in runs)}){ratio}")

# Where each one-shot's time went, from its own pass line: the pass (duration_ms) and its phases, the
# rest of the command (JVM start, rait's start-up, the config and peer list, printing) and the kernel
# requests it made; medians over the rounds.
if os.path.exists(sys.argv[3]):
    recaps = collections.defaultdict(list)
    for line in open(sys.argv[3]):
        n, step, rep = line.split()[:3]
        recaps[(int(n), step)].append(dict(re.findall(r'(\w+)=("[^"]*"|\S+)', line)))
    phases = ('parse', 'resolve', 'observe', 'plan', 'apply', 'babeld')
    print("one-shot phases (medians, guest s; rest = command - pass):")
    print(f"{'N':>4} {'step':<14} {'command':>7} {'pass':>6} " + " ".join(f"{p:>7}" for p in phases) + f" {'rest':>6} {'requests':>8}")
    for (n, step), lines in sorted(recaps.items()):
        def med(field):
            v = [float(f[field]) / 1000 for f in lines if field in f]
            return statistics.median(v) if v else 0.0
        command = median(n, step) if (n, step) in values else None
        whole = med('duration_ms')
        requests = statistics.median(int(f.get('kernel_requests', 0)) for f in lines)
        rest = f"{command - whole:>6.2f}" if command is not None else f"{'-':>6}"
        shown = f"{command:>7.2f}" if command is not None else f"{'-':>7}"
        print(f"{n:>4} {step:<14} {shown} {whole:>6.2f} "
              + " ".join(f"{med(p + '_ms'):>7.2f}" for p in phases) + f" {rest} {requests:>8.0f}")
    steps = ('create', 'links', 'settings', 'configure', 'up')
    made = [(key, lines) for key, lines in sorted(recaps.items()) if any('configure_ms' in f for f in lines)]
    if made:
        print("the apply of new tunnels, step by step (medians, guest s; each step one batch for all of them):")
        print(f"{'N':>4} {'step':<14} {'tunnels':>7} " + " ".join(f"{s:>9}" for s in steps))
        for (n, step), lines in made:
            def med(field):
                v = [float(f[field]) / 1000 for f in lines if field in f]
                return statistics.median(v) if v else 0.0
            tunnels = statistics.median(int(f.get('tunnels', 0)) for f in lines)
            print(f"{n:>4} {step:<14} {tunnels:>7.0f} " + " ".join(f"{med(s + '_ms'):>9.2f}" for s in steps))

# The agent's own pass lines: what each kind of pass took and asked of the kernel (second opinion to the metrics).
if os.path.exists(sys.argv[2]):
    kinds = collections.defaultdict(list)
    phases = collections.defaultdict(lambda: collections.defaultdict(list))
    for line in open(sys.argv[2]):
        f = dict(re.findall(r'(\w+)=("[^"]*"|\S+)', line))
        if 'duration_ms' in f:
            kinds[f.get('news', '?')].append((float(f['duration_ms']) / 1000, f.get('kernel_requests', '-'), f.get('observed', '-')))
            for key, value in f.items():
                if key.endswith('_ms') and key != 'duration_ms':
                    phases[f.get('news', '?')][key[:-3]].append(float(value))
    print("agent passes by news, from its log (duration_ms, kernel_requests, observed):")
    for news, passes in kinds.items():
        shown = passes if len(passes) <= 6 else passes[:3] + passes[-3:]
        print(f"  {news:<10} {len(passes):>3} passes, median {statistics.median(p[0] for p in passes):.3f} s: "
              + ", ".join(f"{d:.3f}s/{k}req/{o}" for d, k, o in shown))
        print(f"  {'':<10} phases, median ms: "
              + " ".join(f"{phase}={statistics.median(v):.1f}" for phase, v in phases[news].items()))

def goal(text, value, limit):
    if value is None:
        print(f"  {text}: not measured")
    else:
        print(f"  {text}: {value:.2f} -> {'met' if value <= limit else 'NOT met'}")
top = max(sizes) if sizes else None
print(f"goals (issue 13, guest seconds, N={top} unless said):")
goal("cold up <= 9", median(top, 'cold'), 9)
goal("no-op up <= 4", median(top, 'noop'), 4)
goal("+1 peer up <= 4.5", median(top, 'plus1'), 4.5)
goal("down <= 4.5", median(top, 'down'), 4.5)
goal("agent no-op pass <= 0.25", median(agent[-1], 'agent_noop') if agent else None, 0.25)
goal("agent +1 pass <= 0.3", median(agent[-1], 'agent_plus1') if agent else None, 0.3)
if java is not None and 10 in sizes:
    for step in ('cold', 'noop', 'plus1', 'down'):
        goal(f"N=10 {step} - java -version <= 1", median(10, step) - java, 1)
PY
# PROFILE=1: the methods the samples were in, by own time (top frame) and by the first rait frame
for jfr in "${out%.txt}"-*.jfr; do
  [ -f "$jfr" ] || continue
  echo "profile $(basename "$jfr"): hottest methods of the Java samples"
  jfr print --stack-depth 64 --events jdk.ExecutionSample "$jfr" | python3 -c '
import collections, re, sys
own, ours, samples, frames = collections.Counter(), collections.Counter(), 0, []
def done():
    global samples
    if not frames: return
    samples += 1
    own[frames[0]] += 1
    rait = [f for f in frames if f.startswith("org.rait.")]
    if rait: ours[rait[0]] += 1
for line in sys.stdin:
    line = line.strip()
    if line.startswith("jdk.ExecutionSample"):
        done(); frames = []
    m = re.match(r"([\w.$<>]+)\(", line)
    if m and "line:" in line: frames.append(m.group(1))
done()
print(f"  {samples} samples")
print("  own time:", "; ".join(f"{m} {c}" for m, c in own.most_common(12)))
print("  first rait frame:", "; ".join(f"{m} {c}" for m, c in ours.most_common(15)))
'
done
