#!/usr/bin/env bash
# Installs deploy/target/rait_*.deb on this machine the way an operator does, checks what it installed,
# removes it (conffiles in /etc/rait stay) and purges it. The machine is left as it was, also on failure:
# the package is purged and directories this run made are removed. Needs root; run by DebianPackageRootTest.
#   debian-package.sh DEB
set -euo pipefail
deb=$(readlink -f "$1")
apt_opts=(-y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends)
export DEBIAN_FRONTEND=noninteractive

if dpkg-query -W -f='${Status}' rait 2>/dev/null | grep -q installed; then
  echo "SKIPPED: a rait package is already installed on this machine; not touching it"
  exit 0
fi
made=()
for d in /etc/rait /run/netns /run/rait /run/wireguard; do [ -e "$d" ] || made+=("$d"); done
restore() {
  apt-get purge "${apt_opts[@]}" rait >/dev/null 2>&1 2>&1 || dpkg --purge rait >/dev/null 2>&1 2>&1 || true
  for d in "${made[@]}"; do rmdir "$d" 2>/dev/null || true; done
}
trap restore EXIT
fail() { echo "FAILED: $*"; exit 1; }
check() { echo "CHECK passed: $*"; }

apt-get install "${apt_opts[@]}" "$deb" >/dev/null 2>&1 || fail "apt-get install $deb"
check "apt-get install ./$(basename "$deb")"

[ "$(rait --version)" = "rait $(dpkg-query -W -f='${Version}' rait | sed 's/~/-/')" ] || fail "rait --version: $(rait --version)"
rait-registry --version | grep -q '^rait-registry ' || fail "rait-registry --version"
check "rait --version: $(rait --version); rait-registry --version: $(rait-registry --version)"

units=(/lib/systemd/system/rait-agent.service /lib/systemd/system/rait-registry.service /lib/systemd/system/rait-babeld@.service)
man_opt=(); command -v man >/dev/null || man_opt=(--man=no)
out=$(systemd-analyze verify "${man_opt[@]}" "${units[@]}" 2>&1) || fail "systemd-analyze verify: $out"
[ -z "$out" ] || fail "systemd-analyze verify printed: $out"
check "systemd-analyze verify ${man_opt[*]} on the installed units: clean"

exposure() { systemd-analyze security --offline=yes "$1" 2>/dev/null | sed -n 's/.*exposure level for .*: \([0-9.]*\) .*/\1/p'; }
agent=$(exposure /lib/systemd/system/rait-agent.service)
registry=$(exposure /lib/systemd/system/rait-registry.service)
awk -v a="$agent" -v r="$registry" 'BEGIN { exit !(a != "" && r != "" && a <= 3.5 && r <= 2.5) }' \
  || fail "systemd-analyze security --offline=yes: agent $agent (at most 3.5), registry $registry (at most 2.5)"
check "systemd-analyze security --offline=yes: agent $agent, registry $registry"

for f in registry.toml rait.conf.example rait.toml.example babeld.conf; do
  dpkg-query -W -f='${Conffiles}\n' rait | grep -q " /etc/rait/$f " || fail "/etc/rait/$f is not a conffile"
done
[ "$(stat -c %a /etc/rait/rait.conf.example)" = 600 ] || fail "/etc/rait/rait.conf.example is not 0600"
[ -d /run/netns ] && [ -d /run/rait ] && [ -d /run/wireguard ] || fail "postinst did not make /run/netns, /run/rait, /run/wireguard"
check "conffiles in /etc/rait; tmpfiles made /run/netns /run/rait /run/wireguard"
if [ -f /usr/share/rait/lib/rait/cds/rait.jsa ]; then
  # The whole output first: grep -q stopping early would break rait's pipe ("Could not flush log").
  loaded=$(RAIT_JAVA_OPTS="-XX:+UseSerialGC -Xlog:class+load" rait genkey)
  grep -q '^\S* org.rait.cli.Main source: shared objects file' <<< "$loaded" \
    || fail "rait does not map the AppCDS archive postinst recorded"
  ! ip netns list 2>/dev/null | grep -q '^rait-cds-' || fail "the recording left a namespace behind: $(ip netns list | grep '^rait-cds-')"
  check "postinst recorded the launcher's AppCDS archive, and rait maps it; no recording namespace left"
else echo "NOTE: postinst recorded no AppCDS archive (rait starts without it, only slower)"; fi
if command -v strace >/dev/null; then
  # The launcher forks nothing before java (a fork + exec costs 35-100 ms in the VM guest): the
  # script's own exec, then java's; the failed tries are `exec java` walking PATH.
  trace=$(mktemp)
  strace -f -qq -e trace=execve,fork,vfork,clone,clone3 -o "$trace" rait --version >/dev/null
  calls=$(grep -v ' = -1 ENOENT ' "$trace" | head -2 | sed 's/^[0-9]* *//' | cut -d'(' -f1-2 | cut -d, -f1 | tr '\n' ' ')
  rm -f "$trace"
  case $calls in 'execve("/usr/bin/rait" execve("'*'/java" ') ;; *) fail "rait --version: before java, $calls" ;; esac
  check "rait --version through /usr/bin/rait: two execs (the launcher's, java's), no fork"
else echo "NOTE: no strace here, the launcher's forks are not counted"; fi

words=$(bash -c 'source /usr/share/bash-completion/completions/rait; COMP_WORDS=(rait ""); COMP_CWORD=1; _complete_rait; echo "${COMPREPLY[*]}"' 2>/dev/null)
for w in up down list agent status genkey; do [[ " $words " == *" $w "* ]] || fail "bash completion of 'rait ' lacks $w: $words"; done
words=$(bash -c 'source /usr/share/bash-completion/completions/rait-registry; COMP_WORDS=(rait-registry admin ""); COMP_CWORD=2; _complete_rait-registry; echo "${COMPREPLY[*]}"' 2>/dev/null)
for w in approve show audit; do [[ " $words " == *" $w "* ]] || fail "bash completion of 'rait-registry admin ' lacks $w: $words"; done
[ -f /usr/share/zsh/vendor-completions/_rait ] || fail "no zsh completion"
check "bash completion: rait -> $(echo $words | wc -w) admin words; zsh completion installed"

for page in rait rait-agent rait-netns rait-registry rait-registry-admin-approve; do
  [ -f "/usr/share/man/man1/$page.1" ] || fail "no man page $page(1)"
done
if command -v man >/dev/null; then
  MANWIDTH=80 man rait-agent 2>/dev/null | grep -q 'rait agent' || fail "man rait-agent shows no synopsis"
fi
check "man pages: $(ls /usr/share/man/man1/rait*.1 | wc -l) pages, rait(1) and rait-registry(1) among them"

echo "# edited by the operator" >> /etc/rait/registry.toml
apt-get install "${apt_opts[@]}" --reinstall -o Dpkg::Options::=--force-confold "$deb" >/dev/null 2>&1 || fail "reinstall"
grep -q '^# edited by the operator' /etc/rait/registry.toml || fail "a reinstall overwrote the edited /etc/rait/registry.toml"
check "a reinstall keeps the operator's /etc/rait/registry.toml"

apt-get remove "${apt_opts[@]}" rait >/dev/null 2>&1 || fail "apt-get remove rait"
[ ! -e /usr/bin/rait ] || fail "/usr/bin/rait is still there after remove"
[ ! -e /usr/share/rait ] || fail "remove left /usr/share/rait: $(find /usr/share/rait | head -5)"
[ -f /etc/rait/registry.toml ] && [ -f /etc/rait/rait.conf.example ] || fail "apt-get remove took /etc/rait with it"
check "apt-get remove rait: /usr/bin/rait gone, /etc/rait stays"

apt-get purge "${apt_opts[@]}" rait >/dev/null 2>&1 || fail "apt-get purge rait"
[ ! -e /etc/rait/registry.toml ] || fail "purge left /etc/rait/registry.toml"
check "apt-get purge rait: the conffiles are gone"
