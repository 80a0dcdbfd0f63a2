#!/usr/bin/env bash
# Agent memory with 1,000 peers in the plan: maximum RSS of `rait up --check` (fetch nothing, parse a
# 1,000-peer peers.conf, observe, plan, print the plan) measured by /usr/bin/time -v, with the JVM
# options of the systemd unit and with the launcher's defaults.
#   usage: sudo testing/bench/rss.sh [PEERS]     (needs: mvn -q -B -DskipTests package; wg, /usr/bin/time)
set -euo pipefail
top=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
rait=$top/bin/rait
peers=${1:-1000}
[ "$(id -u)" = 0 ] || { echo "rss.sh needs root (it observes a network namespace)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "missing /usr/bin/time: apt-get install time" >&2; exit 1; }
id=raitbench-$$-$RANDOM
work=$(mktemp -d "/tmp/$id-XXXX")
cleanup() { ip netns del "$id-g" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ip netns add "$id-g"
cat > "$work/rait.conf" <<CONF
private_key = "$(wg genkey)"
peers = "$work/peers.conf"
backend = "userspace"
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
for i in $(seq 1 "$peers"); do
  printf 'peers {\n  public_key = "%s"\n  endpoint {\n    address_family = "ip4"\n    send_port = %d\n    address = "10.56.%d.%d"\n  }\n}\n' \
    "$(wg genkey | wg pubkey)" $((21000 + i)) $((i / 250)) $((i % 250 + 1))
done > "$work/peers.conf"
measure() {  # $1 = label, $2 = RAIT_JAVA_OPTS
  RAIT_JAVA_OPTS=$2 /usr/bin/time -v "$rait" up --check -c "$work/rait.conf" > "$work/plan.out" 2> "$work/time.err" || true
  printf '%-44s max RSS %6d KiB, wall %s, plan lines %d\n' "$1" \
    "$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.err")" \
    "$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.err")" "$(wc -l < "$work/plan.out")"
}
echo "rait up --check with $peers peers:"
measure "old unit options (SerialGC, Xss512k, 25% RAM)" "-XX:+UseSerialGC -Xss512k -XX:MaxRAMPercentage=25"
measure "old launcher defaults (SerialGC, C1 only, Xss512k)" "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k"
measure "launcher defaults and unit now (+ Xms16m, free 10-30%)" \
  "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms16m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
measure "JVM defaults (G1)" "-Xshare:auto"
