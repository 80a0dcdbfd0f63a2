#!/usr/bin/env bash
# Agent memory with 1,000 peers in its plan (root): `rait agent` on a local 1,000-peer peers.conf, userspace
# backend, a target namespace of its own, a pass every 5 s, for SECONDS seconds per JVM option set.
# The wireguard-go on the agent's PATH is /bin/false, so every create fails at once: each pass plans
# 1,000 tunnels, tries them and counts 1,000 failures; the whole plan is built every pass, nothing is made.
# Samples VmRSS every second and prints the maximum and the last sample (the steady state) per option set.
#   usage: sudo testing/bench/agent-rss.sh [PEERS] [SECONDS]     (needs: mvn -q -B -DskipTests package; wg)
set -euo pipefail
top=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
rait=$top/bin/rait
peers=${1:-1000}
duration=${2:-60}
[ "$(id -u)" = 0 ] || { echo "agent-rss.sh needs root (network namespaces)" >&2; exit 1; }
command -v wg >/dev/null || { echo "missing wg: apt-get install wireguard-tools" >&2; exit 1; }
id=raitbench-$$-$RANDOM
work=$(mktemp -d "/tmp/$id-XXXX")
agent=
keep_log() { cp "$work/agent.log" /tmp/agent-rss-last.log 2>/dev/null || true; }
cleanup() { keep_log; [ -n "$agent" ] && kill "$agent" 2>/dev/null; ip netns del "$id-g" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
trap "exit 1" INT TERM
ip netns add "$id-g"
mkdir -p "$work/bin" && ln -s /bin/false "$work/bin/wireguard-go"
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
agent {
  interval = 5
}
CONF
chmod 600 "$work/rait.conf"   # it holds a private key
for i in $(seq 1 "$peers"); do
  printf 'peers {\n  public_key = "%s"\n  endpoint {\n    address_family = "ip4"\n    send_port = %d\n    address = "10.56.%d.%d"\n  }\n}\n' \
    "$(wg genkey | wg pubkey)" $((21000 + i)) $((i / 250)) $((i % 250 + 1))
done > "$work/peers.conf"
measure() {  # $1 = label, $2 = RAIT_JAVA_OPTS, $3 = more environment (NAME=value ...), optional
  # shellcheck disable=SC2086 # $3 is a list of assignments
  env ${3:-} PATH="$work/bin:$PATH" RAIT_JAVA_OPTS="$2" "$rait" agent -c "$work/rait.conf" > "$work/agent.log" 2>&1 &
  agent=$!
  local max=0 last=0 rss
  for _ in $(seq 1 "$duration"); do
    sleep 1
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$agent/status" 2>/dev/null) || break
    last=$rss; [ "$rss" -gt "$max" ] && max=$rss
  done
  kill "$agent" 2>/dev/null; wait "$agent" 2>/dev/null || true; agent=
  printf '%-58s max %4d MiB, steady %4d MiB, passes %d\n' "$1" $((max / 1024)) $((last / 1024)) \
    "$(grep -cE 'event=(pass|recap) ' "$work/agent.log" || true)"
}
echo "rait agent, $peers peers in the plan, ${duration} s each, load average $(cut -d' ' -f1-3 /proc/loadavg):"
measure "systemd unit until now (SerialGC, Xss512k, 25% RAM)" "-XX:+UseSerialGC -Xss512k -XX:MaxRAMPercentage=25"
measure "launcher default until now (SerialGC, C1 only, Xss512k)" "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k"
# The heap starts at 1/64 of the RAM: until the first collection every allocation touches new pages.
small="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms16m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
measure "+ Xms16m, heap given back (free 10-30%): unit and launcher now" "$small"
measure "the same + MALLOC_ARENA_MAX=2" "$small" "MALLOC_ARENA_MAX=2"
measure "+ Xmx64m, 16m code cache, MinHeapFreeRatio 10/20" "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xmx64m -XX:ReservedCodeCacheSize=16m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20"
