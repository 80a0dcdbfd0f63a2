#!/usr/bin/env bash
# Tier 4: the tests tagged "vm" (kernel WireGuard, VRF), run inside a qemu VM whose kernel has them.
#
#   testing/vm/run-kernel-tests.sh
#
# Builds on the host (Maven is far too slow under emulation), boots the VM once, runs the JUnit
# Platform Console Launcher there with --include-tag vm; it writes the XML reports straight into
# agent/target/vm-reports, the one host directory the guest may write. Prints
#   vm tests: N run, N failed, N skipped (T s)
# and exits non-zero when a test failed or the VM did not finish. Exits 0 with "SKIPPED: reason"
# where the VM cannot be prepared or run (no qemu and no way to install it, not x86_64...).
#   env: RAIT_VM_WORK (VM cache, default /var/tmp/rait-vm), RAIT_VM_TIMEOUT (s, default 1800),
#        RAIT_VM_TESTS (a class name pattern, --include-classname, to run a subset)
set -uo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
repo=$PWD
vm=testing/vm
reports=$repo/agent/target/vm-reports
lib=$repo/agent/target/vm-lib
t_all=$SECONDS

say() { echo "vm: $*"; }

# --- 1. the VM itself (downloaded and built once, cached) ---
t0=$SECONDS
prepared=$($vm/vmrun.sh --prepare 2>&1)
case $? in
  0) [ -z "$prepared" ] || echo "$prepared" ;;
  77) echo "SKIPPED: kernel WireGuard/VRF tests: $(echo "$prepared" | sed -n 's/^SKIPPED: //p' | tail -1)"; exit 0 ;;
  *) echo "$prepared"; say "preparing the VM failed"; exit 1 ;;
esac
qemu-system-x86_64 -version >/dev/null 2>&1 || { echo "SKIPPED: kernel WireGuard/VRF tests: qemu-system-x86_64 does not run"; exit 0; }
say "VM ready in $((SECONDS - t0)) s"

# --- 2. build on the host: classes, test classes, the test classpath, the console launcher ---
t0=$SECONDS
junit=$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' pom.xml)
case $junit in 5.*) platform=1.${junit#5.} ;; *) platform=$junit ;; esac    # JUnit 5.x.y ships platform 1.x.y
build_log=$repo/agent/target/vm-build.log
mkdir -p agent/target
quiet_mvn() { mvn -B -ntp "$@" > "$build_log" 2>&1 || { cat "$build_log"; return 1; }; }
quiet_mvn -pl agent -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/vm-test-classpath.txt || { say "build failed"; exit 1; }
quiet_mvn -pl agent dependency:copy \
    -Dartifact=org.junit.platform:junit-platform-console-standalone:"$platform" -DoutputDirectory="$lib" \
  || { say "cannot fetch junit-platform-console-standalone $platform"; exit 1; }
# The launcher jar brings the JUnit Platform and Jupiter itself: leave their copies off the classpath.
# Everything goes on the JVM's own classpath (not --class-path) so that tests can start rait in a
# child JVM with java.class.path.
cp=$lib/junit-platform-console-standalone-$platform.jar:$repo/agent/target/test-classes:$repo/agent/target/classes:$(tr ':' '\n' < agent/target/vm-test-classpath.txt |
  grep -v -e /org/junit/ -e /org/opentest4j/ -e /org/apiguardian/ | paste -sd:)
say "built in $((SECONDS - t0)) s"

# --- 3. one boot: every vm-tagged test ---
rm -rf "$reports"; mkdir -p "$reports"
filter=()
[ -n "${RAIT_VM_TESTS:-}" ] && filter=(--include-classname "$RAIT_VM_TESTS")
t0=$SECONDS
# the guest starts in agent/ like surefire would; the repository is read-only there, so jqwik's
# failure database goes to /tmp
# the repository and the Maven repository stay visible even when they sit under /tmp (a CI clone)
# The tests take ~260 s in a VM on a quiet host; on a host loaded 8-10 they passed 900 s (2026-12-01):
# TCG emulation gets only what the host's cores leave it.
(cd agent && RAIT_VM_TIMEOUT=${RAIT_VM_TIMEOUT:-1800} RAIT_VM_RWDIR=$reports RAIT_VM_KEEP="$repo,$HOME/.m2" "$repo/$vm/vmrun.sh" "$repo/$vm/guest-tests.sh" \
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Xmx512m \
    -cp "$cp" org.junit.platform.console.ConsoleLauncher execute \
    --disable-banner --disable-ansi-colors --details=tree --fail-if-no-tests \
    --scan-class-path "$repo/agent/target/test-classes" \
    --config jqwik.database=/tmp/jqwik-database --exclude-engine junit-vintage \
    --include-tag vm "${filter[@]}" --reports-dir "$reports")
status=$?
t_vm=$((SECONDS - t0))

# --- 4. the verdict, from the XML reports the guest wrote ---
sum() { cat "$reports"/TEST-*.xml 2>/dev/null | sed -n "s/.*<testsuite [^>]*\b$1=\"\([0-9]*\)\".*/\1/p" | awk '{s+=$1} END {print s+0}'; }
if ls "$reports"/TEST-*.xml >/dev/null 2>&1; then
  skipped=$(sum skipped) failed=$(( $(sum failures) + $(sum errors) ))
  run=$(( $(sum tests) - skipped ))
  echo "vm tests: $run run, $failed failed, $skipped skipped ($t_vm s in the VM, $((SECONDS - t_all)) s in all)"
  say "reports: $reports"
  # every test skipped means the VM lacked what the tests need: that is a failure, not a pass
  if [ "$status" -eq 0 ] && { [ "$failed" -gt 0 ] || [ "$run" -eq 0 ]; }; then status=1; fi
else
  echo "vm tests: no report (the VM finished with status $status after $t_vm s)"
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
