#!/usr/bin/env bash
# Installs the Debian packages the tests use. Safe to run again; does nothing when all are present.
set -euo pipefail
pkgs=(
  iproute2 iputils-ping procps    # namespaces, veth, ping
  nftables                        # cutting an underlay link in the failover tests
  openssl python3                 # second opinions in registry and tunnel tests
  wireguard-go wireguard-tools    # userspace WireGuard and `wg`, the second opinion
  babeld                          # the routing daemon rait feeds
  minisign                        # cross-checks the registry's signatures
  sqlite3                         # inspecting the registry store in tests
  postgresql                      # the registry's second store: tests start a throwaway server from its binaries
  prometheus                      # promtool checks the agent's and the registry's /metrics
  chromium chromium-driver        # the registry's admin page in a real headless browser (e2e)
  nginx-light                     # serves a registry mirror directory in tests
  qemu-system-x86 busybox-static kmod xz-utils zstd cpio   # the WireGuard/VRF kernel VM
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "missing Debian packages; run as root:" >&2
  echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "installing: ${missing[*]}"
[ "${RAIT_APT_UPDATED:-0}" = 1 ] || apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
