#!/usr/bin/env bash
# For the VM benchmarks' guest halves (root, inside the VM): the bin/rait their commands run, and its
# AppCDS archive. By default (RECORD_IN_GUEST=1) the archive is the one this node records for itself, as
# an installed node does (the .deb's postinst runs bin/rait-cds-archive; with kernel WireGuard here that
# records a cold `up`, a no-op `up`, `up --check`, `list` and `down` of a one-peer node), in a copy of the
# built tree laid out as installed (the host's tree is read-only in the guest); RECORD_IN_GUEST=0: the host's tree and the
# archive `mvn package` recorded on the host (no kernel WireGuard there). Writes which archive it is to
# OUT/archive.txt (and the recording's output to OUT/record.txt); prints the bin/rait to run.
# LAUNCHER_OPTS (RECORD_IN_GUEST=1 only): JVM options appended to the copy's bin/rait's own, for the recording
# and every command, as if bin/rait had them (JAVA_TOOL_OPTIONS would come before, and yield to, bin/rait's).
#   usage (guest): rait=$(vm-guest-archive.sh TOP OUT)
set -uo pipefail
top=$1 out=$2
now() { cut -d' ' -f1 /proc/uptime; }
if [ "${RECORD_IN_GUEST:-1}" = 1 ]; then
  # Laid out as the .deb installs /usr/share/rait (deploy/pom.xml): bin/ and lib/rait/ with the agent's
  # jar and its libraries, so that bin/rait runs as on an installed node (no check of a source tree's
  # classes against its jar: ~100 ms per command in the guest).
  tree=$(mktemp -d /tmp/rait-tree-XXXX)
  mkdir -p "$tree/lib/rait"
  cp -a "$top/bin" "$tree/"
  if [ -n "${LAUNCHER_OPTS:-}" ]; then
    line='opts=${RAIT_JAVA_OPTS:-$opts}'
    grep -qxF "$line" "$tree/bin/rait" || { echo "vm-guest-archive: no '$line' in $top/bin/rait" >&2; exit 1; }
    awk -v line="$line" -v x="$LAUNCHER_OPTS" '{print} $0 == line {print "opts=\"$opts " x "\""}' "$top/bin/rait" > "$tree/bin/rait"
  fi
  cp -a "$top"/agent/target/lib/*.jar "$top"/agent/target/agent-*.jar "$tree/lib/rait/"
  rm -f "$tree"/lib/rait/agent-*-tests.jar
  t0=$(now)
  "$tree/bin/rait-cds-archive" > "$out/record.txt" 2>&1
  status=$?
  took=$(awk -v a="$t0" -v b="$(now)" 'BEGIN {printf "%.1f", b - a}')
  echo "recorded in the guest by bin/rait-cds-archive (exit $status, $took s): $(tail -1 "$out/record.txt")" > "$out/archive.txt"
  left=$(ip netns list | grep rait-cds; ip -all netns exec ip -o link show 2>/dev/null | grep cdstrain)
  [ -z "$left" ] || echo "the recording left behind: $left" >> "$out/archive.txt"
  echo "$tree/bin/rait"
else
  echo "recorded on the host by mvn package: $(ls -l "$top/agent/target/cds/rait.jsa" 2>&1)" > "$out/archive.txt"
  echo "$top/bin/rait"
fi
