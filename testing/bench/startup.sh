#!/usr/bin/env bash
# Start-up benchmark (root): `rait up --check` with one peer and `rait list`, both through bin/rait (with
# its AppCDS archive when there is one), next to `java -version` measured in the same run, and the
# launcher alone (a copy of bin/rait beside it that execs `true` instead of java: what the script costs
# before the JVM starts). Prints each command's median and mean wall time, its CPU time (user + sys) and
# both ratios to `java -version`. With
# --profile it also prints where one `rait up --check` spends its time: the JVM uptime at which each phase
# loads its first class.
# One node: a target namespace of its own with nothing in it, one peer whose endpoint has no route.
#   usage: sudo testing/bench/startup.sh [--profile] [RUNS]   (needs: mvn -q -B -DskipTests package; hyperfine)
set -euo pipefail
top=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
rait=$top/bin/rait
profile=0
[ "${1:-}" = --profile ] && { profile=1; shift; }
runs=${1:-20}
[ "$(id -u)" = 0 ] || { echo "startup.sh needs root (it observes a network namespace)" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "missing hyperfine: apt-get install hyperfine" >&2; exit 1; }

id=raitbench-$$-$RANDOM
work=$(mktemp -d "/tmp/$id-XXXX")
launcher=$top/bin/.rait-launcher-only-$$
cleanup() { ip netns del "$id-g" 2>/dev/null || true; rm -rf "$work" "$launcher"; }
trap cleanup EXIT
sed 's/^exec java /exec true /' "$rait" > "$launcher"
chmod +x "$launcher"
grep -q '^exec true ' "$launcher" || { echo "startup.sh: bin/rait has no 'exec java' line to time the launcher by" >&2; exit 1; }
ip netns add "$id-g"
cat > "$work/rait.conf" <<CONF
private_key = "$("$rait" genkey)"
peers = "$work/peers.conf"
runtime_dir = "$work/run"
transport {
  address_family = "ip4"
  send_port = 20000
  ifprefix = "bx"
}
isolation {
  target = "$id-g"
}
CONF
chmod 600 "$work/rait.conf"   # it holds a private key
printf 'peers {\n  public_key = "%s"\n  endpoint {\n    address_family = "ip4"\n    send_port = 21001\n    address = "10.56.0.1"\n  }\n}\n' \
  "$("$rait" genkey | "$rait" pubkey)" > "$work/peers.conf"
"$rait" up --check -c "$work/rait.conf" > /dev/null

# Whether bin/rait maps its AppCDS archive (it skips it silently when the JVM, the jars or the classes differ).
# The class-load log comes in through JAVA_TOOL_OPTIONS, so that the launcher's own JVM options stay as they are.
classlog="-Xlog:class+load:file=$work/classes.txt:uptime"
JAVA_TOOL_OPTIONS=$classlog "$rait" up --check -c "$work/rait.conf" > /dev/null 2> "$work/err.txt" \
  || { cat "$work/err.txt" >&2; exit 1; }
archive="not used (run mvn package; classes compiled after the jar, or another JVM, skip it)"
grep -q '^\S* org.rait.cli.Main source: shared objects file' "$work/classes.txt" && archive=used
echo "java: $(java -version 2>&1 | head -1); AppCDS archive: $archive; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine -N -w 3 -r "$runs" --export-json "$work/times.json" \
  -n 'java -version' 'java -version' \
  -n 'rait up --check' "$rait up --check -c $work/rait.conf" \
  -n 'rait list' "$rait list -c $work/rait.conf" \
  -n 'launcher alone' "$launcher list -c $work/rait.conf" > "$work/hyperfine.out"
python3 - "$work/times.json" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
base = statistics.median(results[0]["times"])
base_cpu = results[0]["user"] + results[0]["system"]
# CPU (user + sys, means) is what the machine's other load disturbs least: compare that ratio on a busy machine.
print(f"{'command':<18} {'median':>9} {'mean':>9} {'user+sys':>9} {'wall ratio':>11} {'CPU ratio':>10}   (to java -version)")
for r in results:
    med = statistics.median(r["times"])
    cpu = r["user"] + r["system"]
    print(f"{r['command']:<18} {med*1000:7.0f}ms {r['mean']*1000:7.0f}ms {cpu*1000:7.0f}ms {med/base:10.1f}x {cpu/base_cpu:9.1f}x")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$profile" = 1 ]; then
  # First class of each phase, in JVM uptime, in time order: command line model, rait.conf, the peer list,
  # the libc binding (made ahead on a thread of its own), the namespace, observe, plan.
  JAVA_TOOL_OPTIONS=$classlog "$rait" up --check -c "$work/rait.conf" > /dev/null 2> "$work/err.txt" \
    || { cat "$work/err.txt" >&2; exit 1; }
  awk -v total="$(tail -1 "$work/classes.txt" | cut -d' ' -f1)" '
    BEGIN { split("org.rait.cli.Main:main class (JVM started)|picocli.CommandLine:picocli|org.rait.cli.RaitFiles:command called, rait.conf|org.rait.configfile.PeerListBinder:peer list|org.rait.plan.ResolvedAddresses:endpoints resolved|com.kenai.jffi.Function:libc bound (jffi, on its own thread)|org.rait.netlink.NamespaceThread:namespace entered|org.rait.netlink.NetlinkSocket:netlink socket, observe|org.rait.plan.Planner:plan|org.rait.cli.PlanPrinter:plan printed", m, "|")
      for (i in m) { split(m[i], kv, ":"); want[kv[1]] = kv[2] } }
    { name = $2; if (name in want && !(name in seen)) { seen[name] = 1; print "  " $1 " " want[name] } }
    END { print "  " total " last class loaded" }' "$work/classes.txt" | sort -t'[' -k2 -n
  echo "classes loaded: $(wc -l < "$work/classes.txt"), of them from the CDS archives: $(grep -c 'shared objects file' "$work/classes.txt")"
fi
