#!/usr/bin/env bash
# vmrun.sh - runs one command as root in a throwaway qemu VM whose Debian kernel has WireGuard, VRF,
# veth, dummy and TUN. The guest sees the host's / read-only over 9p (so ip, wg, ping, java and the built
# repository run unchanged), with tmpfs on /tmp, /run and /var/tmp.
#
#   usage:  vmrun.sh CMD [ARGS...]   exit status of CMD; 255 = the VM did not report one
#           vmrun.sh --prepare       only download and build what the VM needs (cached), then exit
#   exit 77 with "SKIPPED: reason" on stderr when the VM cannot be prepared on this machine.
#
#   env:    RAIT_VM_WORK  cache and scratch dir (default /var/tmp/rait-vm)
#           RAIT_VM_RWDIR host dir shared read-write at the same path (default: none)
#           RAIT_VM_KEEP  comma-separated host dirs that stay visible (read-only) even under /tmp, /run, /var/tmp
#           RAIT_VM_MEM (1G)  RAIT_VM_TIMEOUT (seconds, 900)
#           RAIT_VM_ACCEL (tcg|kvm; default tcg unless a stock kvm_intel/kvm_amd module is loaded)
#           RAIT_VM_KPKG  kernel package (default: what linux-image-amd64 depends on)
#
# Why these choices (measured, see the VM section of the project's notes):
#   - TCG with one vCPU and thread=single: multi-threaded TCG crashed JIT-heavy JVM runs; a
#     /dev/kvm backed by a nested PVM module cannot run a stock kernel, so KVM is only used with the
#     stock kvm_intel/kvm_amd modules.
#   - the kernel is booted as an uncompressed ELF (PVH entry): the xz/zstd decompressor is very slow
#     under TCG.
#   - the Debian package ships no modules.dep: depmod runs on the extracted tree.
set -euo pipefail

here=$(dirname "$(readlink -f "$0")")
W=${RAIT_VM_WORK:-/var/tmp/rait-vm}
K=$W/kernel
PRELOAD="virtio_pci 9pnet_virtio 9p wireguard vrf veth dummy tun"   # insmod-ed by the initramfs (tun: /dev/net/tun for wireguard-go)

skip() { echo "SKIPPED: $*" >&2; exit 77; }

case $W in *[[:space:]]*) echo "vmrun: RAIT_VM_WORK must not contain spaces: $W" >&2; exit 2 ;; esac

install_tools() {
  local need=()
  command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
  command -v xz >/dev/null || need+=(xz-utils)
  command -v zstd >/dev/null || need+=(zstd)
  command -v cpio >/dev/null || need+=(cpio)
  [ -x /usr/sbin/depmod ] || need+=(kmod)
  [ ${#need[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || skip "missing ${need[*]} and not root to install them"
  command -v apt-get >/dev/null || skip "missing ${need[*]} and no apt-get to install them"
  echo "vmrun: installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || skip "cannot install ${need[*]} with apt-get"
}

kernel_package() {
  if [ -n "${RAIT_VM_KPKG:-}" ]; then echo "$RAIT_VM_KPKG"; return; fi
  apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-/{print $2; exit}'
}

fetch_packages() {
  local kpkg=$1
  mkdir -p "$W/debs"
  ls "$W"/debs/"$kpkg"_*.deb >/dev/null 2>&1 && ls "$W"/debs/busybox-static_*.deb >/dev/null 2>&1 && return 0
  echo "vmrun: downloading $kpkg and busybox-static (once, into $W/debs)"
  (cd "$W/debs" && apt-get download -qq "$kpkg" busybox-static >/dev/null 2>&1) \
    || { apt-get update -qq >/dev/null 2>&1; (cd "$W/debs" && apt-get download -qq "$kpkg" busybox-static >/dev/null); } \
    || skip "apt-get download $kpkg busybox-static failed"
}

# Extracts the kernel and its modules; the ELF vmlinux is carved out of the bzImage.
extract_kernel() {
  local kpkg=$1 kver=${1#linux-image-} off
  rm -rf "$K" "$W/bb"
  dpkg -x "$W"/debs/"$kpkg"_*.deb "$K"
  dpkg -x "$W"/debs/busybox-static_*.deb "$W/bb"
  depmod -b "$K" "$kver"
  local bz=$K/boot/vmlinuz-$kver
  for z in '\xfd7zXZ\x00:xz' '\x28\xb5\x2f\xfd:zstd'; do       # Debian 6.1: xz; 6.12: zstd
    off=$(LC_ALL=C grep -obUaP "${z%:*}" "$bz" | head -1 | cut -d: -f1 || true)
    if [ -n "$off" ]; then tail -c +$((off + 1)) "$bz" | ${z#*:} -dc > "$K/vmlinux" 2>/dev/null || true; break; fi
  done
  [ "$(head -c4 "$K/vmlinux" 2>/dev/null | od -An -c | tr -d ' ')" = '177ELF' ] || cp "$bz" "$K/vmlinux"
  # guest-side modprobe: the host's kmod pointed at the extracted tree (also used for auto-loading)
  mkdir -p "$W/bin"
  printf '#!/bin/sh\nexec /usr/sbin/modprobe -d %s "$@"\n' "$K" > "$W/bin/modprobe"
  chmod +x "$W/bin/modprobe"
}

build_initramfs() {
  local kver=${1#linux-image-} d=$W/initramfs.d
  rm -rf "$d"; mkdir -p "$d"/{bin,dev,proc,sys,newroot,keep,mod}
  cp "$W/bb/bin/busybox" "$d/bin/"
  /usr/sbin/modprobe -d "$K" -S "$kver" --show-depends -a $PRELOAD | awk '$1=="insmod" && !seen[$2]++ {print $2}' |
    while read -r ko; do
      b=$(basename "$ko"); b=${b%.xz}; b=${b%.zst}                 # busybox insmod wants a plain .ko
      case $ko in *.xz) xz -dc "$ko" ;; *.zst) zstd -qdc "$ko" ;; *) cat "$ko" ;; esac > "$d/mod/$b"
      echo "$b" >> "$d/mod/order"
    done
  install -m 755 "$here/guest-init.sh" "$d/init"
  (cd "$d" && find . | cpio -o -H newc --quiet) | gzip -1 > "$W/initramfs.img.new"
  mv "$W/initramfs.img.new" "$W/initramfs.img"
  rm -rf "$d"
}

# Prepares once per kernel package and guest-init version; concurrent runs wait on a lock.
prepare() {
  mkdir -p "$W/runs"
  exec 9>"$W/.lock"
  flock 9
  install_tools
  local kpkg stamp
  kpkg=$(kernel_package)
  [ -n "$kpkg" ] || skip "apt-cache knows no linux-image-amd64 (not a Debian amd64 system?)"
  stamp="$kpkg $(sha256sum "$here/guest-init.sh" "$here/vmrun.sh" | sha256sum | cut -c1-16)"
  if [ "$(cat "$W/.prepared" 2>/dev/null)" != "$stamp" ]; then
    local t0=$SECONDS
    fetch_packages "$kpkg"
    extract_kernel "$kpkg"
    build_initramfs "$kpkg"
    echo "$stamp" > "$W/.prepared"
    echo "vmrun: prepared $kpkg in $W in $((SECONDS - t0)) s"
  fi
  flock -u 9
}

[ $# -ge 1 ] || { echo "usage: $0 CMD [ARGS...] | --prepare" >&2; exit 2; }
[ "$(uname -m)" = x86_64 ] || skip "the test VM needs an x86_64 host (this is $(uname -m))"
prepare >&2
[ "$1" = --prepare ] && exit 0

accel=${RAIT_VM_ACCEL:-}
if [ -z "$accel" ]; then
  accel=tcg
  if [ -w /dev/kvm ] && { [ -d /sys/module/kvm_intel ] || [ -d /sys/module/kvm_amd ]; }; then accel=kvm; fi
fi
if [ "$accel" = kvm ]; then acc=(-accel kvm -cpu host); else acc=(-accel tcg,thread=single -cpu max); fi

rw=${RAIT_VM_RWDIR:-}
keep=${RAIT_VM_KEEP:-}
case $rw$PWD$keep in *[[:space:]]*) echo "vmrun: paths must not contain spaces ($rw, $PWD, $keep)" >&2; exit 2 ;; esac
run=$(mktemp -d "$W/runs/r.XXXXXX")
trap 'rm -rf "$run"' EXIT
{ printf 'exec'; printf ' %q' "$@"; echo; } > "$run/cmd"
share_rw=()
[ -n "$rw" ] && share_rw=(-virtfs "local,path=$rw,mount_tag=rw,security_model=none,multidevs=remap")

timeout "${RAIT_VM_TIMEOUT:-900}" qemu-system-x86_64 "${acc[@]}" -m "${RAIT_VM_MEM:-1G}" -smp 1 \
  -nodefaults -no-user-config -display none -no-reboot -serial stdio \
  -kernel "$K/vmlinux" -initrd "$W/initramfs.img" \
  -append "console=ttyS0 quiet panic=-1 mitigations=off rait_work=$W rait_run=$run rait_rw=$rw rait_keep=$keep rait_cwd=$PWD" \
  -virtfs "local,path=/,mount_tag=root,security_model=none,readonly=on,multidevs=remap" \
  -virtfs "local,path=$run,mount_tag=run,security_model=none,multidevs=remap" "${share_rw[@]}" </dev/null \
  || echo "vmrun: qemu exited with status $? (124 = timed out after ${RAIT_VM_TIMEOUT:-900} s)" >&2
[ -f "$run/rc" ] || { echo "vmrun: the guest did not report an exit status" >&2; exit 255; }
exit "$(cat "$run/rc")"
