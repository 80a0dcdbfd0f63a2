#!/usr/bin/env bash
# Reconcile benchmark (root): one node with N = 10, 50, 100 peers on wireguard-go, in namespaces of its
# own. For each N: cold `rait up`, no-op `rait up`, `rait up` after adding one peer, `rait down`; wall time of the
# whole command (JVM start included) and the kernel write requests the pass made (`rait up -v`).
# The peers are entries only: their endpoints (10.56.x.y) have no route in the transit namespace, so
# no packet leaves it. Prints one line per measurement; removes everything on exit.
#   usage: sudo testing/bench/reconcile.sh [N...]        (needs: mvn -q -B -DskipTests package)
set -euo pipefail
top=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
rait=$top/bin/rait
sizes=("${@:-10 50 100}")
[ "$(id -u)" = 0 ] || { echo "reconcile.sh needs root (network namespaces)" >&2; exit 1; }
for tool in wireguard-go wg; do command -v $tool >/dev/null || { echo "missing $tool: apt-get install wireguard-go wireguard-tools" >&2; exit 1; }; done

id=raitbench-$$-$RANDOM
work=$(mktemp -d "/tmp/$id-XXXX")
transit=$id-t
target=$id-g
cleanup() {
  "$rait" down -c "$work/rait.conf" >/dev/null 2>&1 || true
  for pidfile in "$work"/run/wireguard/*.pid; do
    [ -e "$pidfile" ] || continue
    pid=$(cat "$pidfile"); [ "$(cat /proc/$pid/comm 2>/dev/null)" = wireguard-go ] && kill "$pid" 2>/dev/null || true
  done
  ip netns del "$target" 2>/dev/null || true
  ip netns del "$transit" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
ip netns add "$transit"
ip -n "$transit" link set lo up

own_key=$(wg genkey)
cat > "$work/rait.conf" <<CONF
name = "bench"
private_key = "$own_key"
peers = "$work/peers.conf"
backend = "userspace"
runtime_dir = "$work/run"
transport {
  address_family = "ip4"
  send_port = 40000
  ifprefix = "bx"
}
isolation {
  ifgroup = 54
  transit = "$transit"
  target = "$target"
}
CONF

peer_entry() {  # $1 = index
  printf 'peers {\n  public_key = "%s"\n  endpoint {\n    address_family = "ip4"\n    send_port = %d\n    address = "10.56.%d.%d"\n  }\n}\n' \
    "$(wg genkey | wg pubkey)" $((41000 + $1)) $(($1 / 250)) $(($1 % 250 + 1))
}

# runs `rait up -v` (or `rait down -v` with $1 = down), prints "<seconds> <writes> <recap>"
up() {
  local t0 t1 err
  err=$(mktemp)
  t0=$(date +%s.%N)
  "$rait" "${1:-up}" -v -c "$work/rait.conf" >"$work/up.out" 2>"$err"
  t1=$(date +%s.%N)
  printf '%.2f %s %s\n' "$(awk "BEGIN{print $t1 - $t0}")" "$(grep -o 'event=writes count=[0-9]*' "$err" | tail -1 | cut -d= -f3)" "$(tail -1 "$work/up.out")"
  rm -f "$err"
}

printf '%-5s %-16s %8s %8s  %s\n' N step seconds writes recap
for n in ${sizes[@]}; do
  : > "$work/peers.conf"
  for i in $(seq 1 "$n"); do peer_entry "$i" >> "$work/peers.conf"; done
  read -r s w r < <(up); printf '%-5s %-16s %8s %8s  %s\n' "$n" "cold up" "$s" "$w" "$r"
  read -r s w r < <(up); printf '%-5s %-16s %8s %8s  %s\n' "$n" "no-op up" "$s" "$w" "$r"
  peer_entry $((n + 1)) >> "$work/peers.conf"
  read -r s w r < <(up); printf '%-5s %-16s %8s %8s  %s\n' "$n" "add one peer" "$s" "$w" "$r"
  read -r s w r < <(up down); printf '%-5s %-16s %8s %8s  %s\n' "$n" "down" "$s" "$w" "$r"
done
