#!/usr/bin/env bash
# Runs inside the VM (started by vmrun.sh): reports how long the boot took, runs the test command,
# and reports how long it took; its exit status is the command's.
up() { cut -d' ' -f1 /proc/uptime; }
echo "guest: kernel $(uname -r), up after $(up) s; wireguard $(test -d /sys/module/wireguard && echo loaded || echo MISSING), vrf $(test -d /sys/module/vrf && echo loaded || echo MISSING)"
t0=$(up)
"$@"
status=$?
echo "guest: tests took $(awk -v a="$t0" -v b="$(up)" 'BEGIN {printf "%.1f", b - a}') s, status $status"
exit $status
