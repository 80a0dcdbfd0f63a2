#!/usr/bin/env bash
# The guest half of testing/bench/vm-ab.sh (root, inside the VM, kernel WireGuard). Each variant (a built
# tree and JVM options appended to its bin/rait's) gets its bin/rait and the AppCDS archive it records for
# itself (vm-guest-archive.sh), then REPS rounds, each running every variant in turn (the order rotated by
# one per round) through: `java -version`, cold `rait up` of N peers, no-op `up`, `up` with one peer more,
# `list`, `down` (one target namespace, one ip4 endpoint each). Round 1 logs the classes each command loads.
# Writes "VARIANT STEP ROUND SECONDS STATUS" lines to OUT/times, each variant's logs to OUT/VARIANT/.
#   usage (guest): vm-ab-guest.sh OUT REPS N LABEL TREE OPTS [LABEL TREE OPTS]...
set -uo pipefail
out=$1 reps=$2 n=$3
shift 3
here=$(dirname "$(readlink -f "$0")")
work=$(mktemp -d /tmp/raitvmab-XXXX)
labels=()
declare -A rait
while [ $# -ge 3 ]; do
  mkdir -p "$out/$1"
  rait[$1]=$(LAUNCHER_OPTS=$3 "$here/vm-guest-archive.sh" "$2" "$out/$1") || { echo "guest: no bin/rait for $1" >&2; exit 1; }
  echo "guest: $1 = $2${3:+ with $3}: AppCDS archive $(cat "$out/$1/archive.txt")"
  labels+=("$1")
  shift 3
done
ip netns add vab-t
ip netns add vab-g
ip -n vab-t link set lo up
cat > "$work/rait.conf" <<CONF
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
  ifgroup = 54
  transit = "vab-t"
  target = "vab-g"
}
CONF
chmod 600 "$work/rait.conf"
for i in $(seq 1 $((n + 1))); do
  printf 'peers {\n  public_key = "%s"\n  endpoint {\n    address_family = "ip4"\n    send_port = %d\n    address = "10.56.%d.%d"\n  }\n}\n' \
    "$(wg genkey | wg pubkey)" $((41000 + i)) $((i / 250)) $((i % 250 + 1)) > "$work/peer.$i"
done
cat $(seq -f "$work/peer.%g" 1 "$n") > "$work/peers.n"
cat "$work/peers.n" "$work/peer.$((n + 1))" > "$work/peers.n1"
# One timed command, without a fork around it (EPOCHREALTIME): VARIANT STEP ROUND COMMAND...
timed() {
  local v=$1 step=$2 rep=$3 t0 t1 status
  shift 3
  if [ "$rep" = 1 ]; then export JAVA_TOOL_OPTIONS="-Xlog:class+load:file=$out/$v/classes.$step.txt"; else unset JAVA_TOOL_OPTIONS; fi
  t0=${EPOCHREALTIME/./}
  "$@" > "$out/$v/out.$step.$rep.txt" 2> "$out/$v/err.$step.$rep.txt"
  status=$?
  t1=${EPOCHREALTIME/./}
  unset JAVA_TOOL_OPTIONS
  printf '%s %s %s %d.%06d %s\n' "$v" "$step" "$rep" $(((t1 - t0) / 1000000)) $(((t1 - t0) % 1000000)) "$status" >> "$out/times"
  [ "$status" = 0 ] || { echo "guest: $v $step round $rep exited $status:"; tail -3 "$out/$v/err.$step.$rep.txt"; } >&2
}
for rep in $(seq 1 "$reps"); do
  k=$(((rep - 1) % ${#labels[@]}))
  for v in "${labels[@]:k}" "${labels[@]:0:k}"; do
    r=${rait[$v]}
    timed "$v" java_version "$rep" java -version
    cp "$work/peers.n" "$work/peers.conf"
    timed "$v" cold "$rep" "$r" up -v -c "$work/rait.conf"
    timed "$v" noop "$rep" "$r" up -v -c "$work/rait.conf"
    cp "$work/peers.n1" "$work/peers.conf"
    timed "$v" plus1 "$rep" "$r" up -v -c "$work/rait.conf"
    timed "$v" list "$rep" "$r" list -v -c "$work/rait.conf"
    timed "$v" down "$rep" "$r" down -v -c "$work/rait.conf"
  done
  echo "guest: round $rep done (at $(cut -d' ' -f1 /proc/uptime) s)"
done
