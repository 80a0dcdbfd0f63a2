#!/usr/bin/env bash
# Runs every test tier and prints each one's duration. Needs root for tiers 2-4 (namespaces, VM).
#   tier 1  unit         mvn test                      (no root)
#   tier 2  root         mvn test -Proot-tests         (netns, veth, TUN, wireguard-go, babeld)
#   tier 3  e2e          mvn test -Pe2e-tests          (registry + agents + babeld, whole system)
#   tier 4  vm           testing/vm/run-kernel-tests.sh (kernel WireGuard and VRF in a qemu VM)
# RAIT_TIERS="unit root" limits the run to some tiers.
set -uo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
tiers=${RAIT_TIERS:-unit root e2e vm}
mvn_opts=(-B -ntp)
failed=()
summary=()

if [ "$(id -u)" = 0 ]; then
  testing/install-packages.sh || { echo "cannot install the packages the tests need" >&2; exit 1; }
fi

run_tier() {
  local name=$1; shift
  local t0=$SECONDS
  echo "=== tier $name: $*"
  if "$@"; then summary+=("tier $name: passed in $((SECONDS - t0)) s")
  else failed+=("$name"); summary+=("tier $name: FAILED in $((SECONDS - t0)) s"); fi
  echo "=== ${summary[-1]}"
}

t_all=$SECONDS
run_tier build mvn "${mvn_opts[@]}" -q -DskipTests package
for tier in $tiers; do
  case $tier in
    unit) run_tier unit mvn "${mvn_opts[@]}" test ;;
    root|e2e|vm)
      if [ "$(id -u)" != 0 ]; then
        summary+=("tier $tier: SKIPPED (needs root; run: sudo $0)"); echo "=== ${summary[-1]}"; continue
      fi
      case $tier in
        root) run_tier root mvn "${mvn_opts[@]}" test -Proot-tests -Dsurefire.failIfNoSpecifiedTests=false ;;
        e2e)  run_tier e2e mvn "${mvn_opts[@]}" test -Pe2e-tests -Dsurefire.failIfNoSpecifiedTests=false ;;
        vm)   if [ -x testing/vm/run-kernel-tests.sh ]; then run_tier vm testing/vm/run-kernel-tests.sh
              else summary+=("tier vm: SKIPPED (testing/vm/run-kernel-tests.sh not present)"); echo "=== ${summary[-1]}"; fi ;;
      esac ;;
    *) echo "unknown tier $tier" >&2; exit 2 ;;
  esac
done

echo
echo "=== summary (total $((SECONDS - t_all)) s)"
printf '  %s\n' "${summary[@]}"
[ ${#failed[@]} -eq 0 ] || { echo "failed tiers: ${failed[*]}"; exit 1; }
