#!/usr/bin/env bash
# The guest half of testing/bench/vm-startup.sh (root, inside the VM, kernel WireGuard). For each N:
# a cold `rait up` of N peers (one ip4 endpoint each, one target namespace), then REPS rounds of
# `java -version`, `rait up --check`, `rait list` and a no-op `rait up`, each with a class-load log
# (JVM uptime of every class and where it came from: the AppCDS archive or not), then `rait down`.
# The AppCDS archive is by default the one the guest records for itself, as an installed node does
# (RECORD_IN_GUEST=0: the host's; see vm-guest-archive.sh).
# Writes "N command round seconds status" lines to OUT/times and the logs beside it.
#   usage (guest): vm-startup-guest.sh OUT REPS N...
set -uo pipefail
out=$1 reps=$2
shift 2
top=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
work=$(mktemp -d /tmp/raitvmstart-XXXX)
now() { cut -d' ' -f1 /proc/uptime; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN {printf "%.3f", b - a}'; }
rait=$("$top/testing/bench/vm-guest-archive.sh" "$top" "$out")
echo "guest: AppCDS archive $(cat "$out/archive.txt")"
ip netns add vms-t
ip netns add vms-g
ip -n vms-t link set lo up
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
  transit = "vms-t"
  target = "vms-g"
}
CONF
chmod 600 "$work/rait.conf"
peers() {  # $1 = N
  for i in $(seq 1 "$1"); do
    printf 'peers {\n  public_key = "%s"\n  endpoint {\n    address_family = "ip4"\n    send_port = %d\n    address = "10.56.%d.%d"\n  }\n}\n' \
      "$(wg genkey | wg pubkey)" $((41000 + i)) $((i / 250)) $((i % 250 + 1))
  done > "$work/peers.conf"
}
# bin/rait's own JVM options (whatever the launcher chooses) plus a class-load log, added through
# JAVA_TOOL_OPTIONS; the launcher adds the archive when its stamp matches.
timed() {  # N label round command...
  local n=$1 label=$2 rep=$3 t0 status
  shift 3
  t0=$(now)
  JAVA_TOOL_OPTIONS="${RAIT_VM_EXTRA_OPTS:-} -Xlog:class+load:file=$out/classes.$n.$label.$rep.txt:uptimenanos" \
    "$rait" "$@" -v -c "$work/rait.conf" > "$out/out.$n.$label.$rep.txt" 2> "$out/err.$n.$label.$rep.txt"
  status=$?
  echo "$n $label $rep $(since "$t0") $status" >> "$out/times"
  [ "$status" = 0 ] || { echo "guest: rait $label exited $status:"; tail -5 "$out/err.$n.$label.$rep.txt"; } >&2
}
for n in "$@"; do
  peers "$n"
  timed "$n" cold 1 up
  for rep in $(seq 1 "$reps"); do
    t0=$(now); java -version 2>/dev/null; echo "$n java_version $rep $(since "$t0") 0" >> "$out/times"
    timed "$n" check "$rep" up --check
    timed "$n" list "$rep" list
    timed "$n" noop "$rep" up
  done
  timed "$n" down 1 down
  echo "guest: N=$n done (at $(now) s)"
done
