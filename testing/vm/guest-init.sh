#!/bin/busybox sh
# Stage 1 of the rait test VM (runs from the initramfs as PID 1). The kernel command line carries:
#   rait_work  the host work dir (kernel modules, guest modprobe), kept visible under the tmpfs mounts
#   rait_run   the per-run dir (rw 9p tag "run"): cmd in, rc out
#   rait_rw    an optional host dir shared read-write at the same path (9p tag "rw")
#   rait_keep  optional comma-separated host dirs kept visible (read-only) under the tmpfs mounts
#   rait_cwd   the directory the command starts in
# The host's / is the guest's / (read-only 9p), so host binaries (ip, wg, java) run unchanged.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in $(cat /mod/order); do insmod "/mod/$m" || echo "vm: insmod $m failed"; done

o=trans=virtio,version=9p2000.L,msize=262144
mount -t 9p -o "ro,$o,cache=loose" root /newroot || { echo "vm: 9p root mount failed"; poweroff -f; }
# the work dir (and the dirs in rait_keep, e.g. a repository cloned under /tmp) may live under /tmp,
# /run or /var/tmp, which get a tmpfs below: keep them reachable (read-only, from the host's /)
i=0
for d in $rait_work $(echo "$rait_keep" | tr ',' ' '); do
  mkdir -p /keep$i && mount --bind "/newroot$d" /keep$i && echo "$d" > /keep$i.path; i=$((i + 1))
done
mount -t tmpfs -o mode=1777 tmp /newroot/tmp
mount -t tmpfs run /newroot/run
mount -t tmpfs -o mode=1777 vartmp /newroot/var/tmp
for f in /keep*.path; do
  [ -e "$f" ] || continue
  d=$(cat "$f"); k=${f%.path}
  mkdir -p "/newroot$d" 2>/dev/null; mount --move "$k" "/newroot$d" || echo "vm: cannot keep $d visible"
done
mount -t 9p -o "$o" run "/newroot$rait_run"
if [ -n "$rait_rw" ]; then
  mkdir -p "/newroot$rait_rw" 2>/dev/null
  mount -t 9p -o "$o" rw "/newroot$rait_rw" || echo "vm: 9p mount of $rait_rw failed"
fi
mkdir -p /dev/pts /dev/shm
mount -t devpts -o ptmxmode=0666 devpts /dev/pts
mount -t tmpfs shm /dev/shm
ln -s /proc/self/fd /dev/fd; ln -s fd/0 /dev/stdin; ln -s fd/1 /dev/stdout; ln -s fd/2 /dev/stderr
# kernel module auto-loading (ip link add ... type X) goes through the extracted module tree
echo "$rait_work/bin/modprobe" > /proc/sys/kernel/modprobe
hostname rait-vm
ip link set lo up
for f in proc sys dev; do mount --move "/$f" "/newroot/$f"; done
exec switch_root /newroot /bin/bash -c '
export PATH="$rait_work/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" HOME=/root LANG=C.UTF-8
cd "$rait_cwd" 2>/dev/null || cd /
bash "$rait_run/cmd" </dev/null
echo $? > "$rait_run/rc"
sync
echo o > /proc/sysrq-trigger
sleep 30 2>/dev/null'
