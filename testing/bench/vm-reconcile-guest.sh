#!/usr/bin/env bash
# The guest half of testing/bench/vm-reconcile.sh (runs as root inside the VM, kernel WireGuard):
# for each N, REPS rounds of cold `rait up`, no-op `rait up`, `rait up` after adding one peer and
# `rait down`, each step of a round one after the other; and in the same boot the floor made of Debian's
# tools: one `ip -n TARGET -batch` that adds N wireguard links with mtu, group, address and up, and
# `ip -n TARGET link delete group` for them. Writes "N step rep seconds writes" lines to $1.
#   usage (guest): vm-reconcile-guest.sh OUT REPS N...
set -euo pipefail
out=$1 reps=$2
shift 2
top=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
rait=$top/bin/rait
work=$(mktemp -d /tmp/raitvmbench-XXXX)
transit=vmb-t target=vmb-g group=54
ip netns add $transit
ip netns add $target
ip -n $transit link set lo up
now() { cut -d' ' -f1 /proc/uptime; }

cat > "$work/rait.conf" <<CONF
name = "bench"
private_key = "$(wg genkey)"
peers = "$work/peers.conf"
backend = "kernel"
runtime_dir = "$work/run"
transport {
  address_family = "ip4"
  send_port = 40000
  ifprefix = "bx"
}
isolation {
  ifgroup = $group
  transit = "$transit"
  target = "$target"
}
CONF
peer_entry() {  # $1 = index
  printf 'peers {\n  public_key = "%s"\n  endpoint {\n    address_family = "ip4"\n    send_port = %d\n    address = "10.56.%d.%d"\n  }\n}\n' \
    "$(wg genkey | wg pubkey)" $((41000 + $1)) $(($1 / 250)) $(($1 % 250 + 1))
}
# one timed rait command: "seconds writes"
timed() {
  local t0 t1
  t0=$(now)
  "$rait" "$@" -v -c "$work/rait.conf" > "$work/out" 2> "$work/err" || true
  t1=$(now)
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}') $(grep -o 'event=writes count=[0-9]*' "$work/err" | tail -1 | cut -d= -f3)"
}
floor() {  # $1 = N: "seconds" of one ip -batch adding N links, then of the group delete
  local batch=$work/floor.batch t0 t1 t2
  : > "$batch"
  for i in $(seq 1 "$1"); do
    printf 'link add fx%d mtu 1420 group %d type wireguard\naddress add fe80::%x/64 dev fx%d\nlink set fx%d up\n' \
      "$i" $group "$i" "$i" "$i" >> "$batch"
  done
  t0=$(now); ip -n $target -batch "$batch"; t1=$(now)
  ip -n $target link delete group $group; t2=$(now)
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}') $(awk -v a="$t1" -v b="$t2" 'BEGIN {printf "%.2f", b - a}')"
}

echo "guest: java -version $(t0=$(now); java -version 2>/dev/null; awk -v a="$t0" -v b="$(now)" 'BEGIN {printf "%.2f", b - a}') s"
for n in "$@"; do
  : > "$work/peers.conf"
  for i in $(seq 1 "$n"); do peer_entry "$i" >> "$work/peers.conf"; done
  cp "$work/peers.conf" "$work/peers.base"
  peer_entry $((n + 1)) > "$work/peers.extra"
  for rep in $(seq 1 "$reps"); do
    cp "$work/peers.base" "$work/peers.conf"
    echo "$n cold $rep $(timed up)" >> "$out"
    echo "$n noop $rep $(timed up)" >> "$out"
    cat "$work/peers.extra" >> "$work/peers.conf"
    echo "$n plus1 $rep $(timed up)" >> "$out"
    echo "$n down $rep $(timed down)" >> "$out"
    read -r add del < <(floor "$n")
    echo "$n floor_add $rep $add 0" >> "$out"
    echo "$n floor_delete $rep $del 0" >> "$out"
    echo "guest: N=$n round $rep done at $(now) s"
  done
done
ip netns del $target
ip netns del $transit
