#!/usr/bin/env bash
# Registry benchmark, for each N in NODES (comma-separated, default 1000): a fresh registry is filled with N
# approved nodes by CLIENTS (default 32) concurrent clients registering with an enrollment token (total
# time and cost per registration printed, the registry's CPU with its JIT compilers' share, and whether the
# registration goal of issue 15 is met), then GET /peers.conf, full answers (200) and conditional ones
# (304, If-None-Match), is measured with wrk on loopback, side by side with nginx serving the very same
# bytes as a static file over TLS with the same certificate, in the same run. Like for like: nginx writes an
# access line per request too (buffered into a file, as the registry batches its lines), both offer TLS 1.2
# and 1.3, and each server gets a discarded warm-up run of every measurement first (the registry's JIT
# compiles the AES-GCM path only after some seconds of traffic; a registry runs for months). Then ROUNDS
# (default 3) rounds measure registry and nginx in turn, each wrk run SECONDS long; each line gives both
# servers' requests/s and CPU time per request, and the ratio printed last is the median of the rounds'
# (the goal of issue 15: at least 0.8 for full bodies and for 304s).
#   usage: testing/bench/registry.sh [NODES] [SECONDS] [CLIENTS] [ROUNDS]   (needs: mvn -q -B -DskipTests package; wrk, nginx)
#   e.g.   testing/bench/registry.sh 1000,5000 10
set -euo pipefail
top=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
node_counts=${1:-1000}
duration=${2:-10}
clients=${3:-32}
rounds=${4:-3}
for tool in wrk nginx curl; do
  command -v $tool >/dev/null || { echo "missing $tool: apt-get install wrk nginx-light curl" >&2; exit 1; }
done
[ -d "$top/registry-server/target/test-classes" ] || { echo "build first: mvn -q -B -DskipTests package" >&2; exit 1; }

pids=()
work=
# user+system clock ticks of a process, and of its JIT compiler threads (C1, C2) apart (those alive now; on
# this 2-core machine the JVM keeps one of each throughout)
registry_cpu() {  # $1 = pid
  local task jit=0 name
  for task in /proc/"$1"/task/*; do
    name=$(cat "$task/comm" 2>/dev/null) || continue
    case $name in C1\ Compiler*|C2\ Compiler*) jit=$((jit + $(sed 's/.*) //' "$task/stat" | awk '{print $12 + $13}'))) ;; esac
  done
  echo "$(sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}') $jit"
}
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
  [ -n "$work" ] && rm -rf "$work"
  work=
}
trap cleanup EXIT

run() {  # $1 = number of nodes
local nodes=$1
echo "== $nodes nodes, $clients registering clients"
work=$(mktemp -d /tmp/raitbench-registry-XXXX)

"$top/bin/rait-registry" serve --data-dir "$work/data" --listen 127.0.0.1:0 > "$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 600); do grep -qs 'certificate pin:' "$work/serve.log" && break; sleep 0.1; done
url=$(grep -o 'https://[^ ]*' "$work/serve.log" | head -1)
pin=$(sed -n 's/^certificate pin: \(.*\)$/\1/p' "$work/serve.log")
export RAIT_REGISTRY_TOKEN
RAIT_REGISTRY_TOKEN=$("$top/bin/rait-registry" admin token create --data-dir "$work/data" | tail -1)
token=$("$top/bin/rait-registry" admin enrollment-token create --uses "$nodes" --url "$url" --pin "$pin" \
  | sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p')
echo "load average before registering: $(cut -d' ' -f1-3 /proc/loadavg)"
read -r cpu_before jit_before < <(registry_cpu "${pids[0]}")
java -cp "$top/registry-server/target/test-classes:$top/registry-server/target/classes:$top/registry-server/target/lib/*" \
  org.rait.registry.bench.RegisterMany "$url" "$pin" "$token" "$nodes" "$clients" | tee "$work/register.out"
read -r cpu_after jit_after < <(registry_cpu "${pids[0]}")
echo "load average after registering: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v t=$((cpu_after - cpu_before)) -v j=$((jit_after - jit_before)) -v hz="$(getconf CLK_TCK)" -v n="$nodes" \
  'BEGIN { printf "registry CPU while registering: %.1f s, %.2f ms per registration (of which JIT compiler threads %.1f s, %.2f ms)\n",
           t / hz, t / hz * 1000 / n, j / hz, j / hz * 1000 / n }'
# The goal (issue 15 item 5): at most 5 ms per registration amortised, the full snapshot out within 1 s of the last answer.
awk '/ms per registration \(amortised\)/ { for (i = 1; i <= NF; i++) if ($i == "ms") { ms = $(i - 1); break } }
     /served .* ms after the last/ { for (i = 1; i <= NF; i++) if ($i == "served") { after = $(i + 1); break } }
     END { printf "goal <= 5 ms per registration (amortised): %s (%.2f ms); snapshot out within 1 s of the last answer: %s (%d ms)\n",
           ms <= 5 ? "met" : "NOT met", ms, after <= 1000 ? "met" : "NOT met", after }' "$work/register.out"
echo "snapshots published: $(grep -c 'event=snapshot_published' "$work/serve.log")"

mkdir -p "$work/www"
chmod 755 "$work" "$work/www"      # nginx's workers run as an unprivileged user
curl -sk -D "$work/headers" -o "$work/www/peers.conf" "$url/peers.conf"
etag=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *\(.*\)\r$/\1/p' "$work/headers")
chmod 644 "$work/www/peers.conf"
echo "peers.conf: $(grep -c '^peers' "$work/www/peers.conf") peers, $(stat -c %s "$work/www/peers.conf") bytes, ETag $etag"

nginx_port=$(( (RANDOM % 20000) + 30000 ))
cat > "$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log $work/nginx-access.log combined buffer=64k flush=200ms;
  ssl_protocols TLSv1.2 TLSv1.3;
  default_type text/plain;
  server {
    listen 127.0.0.1:$nginx_port ssl;
    ssl_certificate $work/data/tls.crt;
    ssl_certificate_key $work/data/tls.key;
    root $work/www;
  }
}
CONF
nginx -c "$work/nginx.conf" -p "$work" -g 'daemon off;' &
pids+=($!)
sleep 1
nginx_url="https://127.0.0.1:$nginx_port"
nginx_etag=$(curl -sk -D - -o /dev/null "$nginx_url/peers.conf" | sed -n 's/^[Ee][Tt][Aa][Gg]: *\(.*\)\r$/\1/p')

cpu_ticks() {  # $1 = PID: user+system ticks of it and its children (nginx's workers)
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1" || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}

# prints "requests/s  CPU-microseconds-per-request  status"
bench() {  # $1 = URL, $2 = If-None-Match value or "", $3 = server PID, $4 = seconds
  local header=() out status before after
  [ -n "$2" ] && header=(-H "If-None-Match: $2")
  status=$(curl -sk -o /dev/null -w '%{http_code}' "${header[@]}" "$1")
  before=$(cpu_ticks "$3")
  out=$(wrk -t2 -c32 -d"${4}s" "${header[@]}" "$1")
  after=$(cpu_ticks "$3")
  awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" -v s="$status" '
    /Requests\/sec/ { rate = $2 } / requests in / { n = $1 }
    END { printf "%s %.1f %s\n", rate, (n > 0 ? ticks / hz * 1e6 / n : 0), s }' <<<"$out"
}

registry_pid=${pids[0]}
nginx_pid=${pids[1]}
# Each server gets a discarded warm-up of every measurement first (the registry's JIT compiles the TLS
# path only after some seconds of traffic); then ROUNDS rounds, each measuring the four in turn, so a
# change in the machine's load falls on both servers alike. The ratio is the median of the rounds'.
for warm in "$url/peers.conf|" "$nginx_url/peers.conf|" "$url/peers.conf|$etag" "$nginx_url/peers.conf|$nginx_etag"; do
  bench "${warm%%|*}" "${warm#*|}" "$registry_pid" "$((duration * 2))" > /dev/null
done
echo "load average before the GET runs: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %22s %22s %6s %22s %22s %6s  %s\n' "round" "registry 200" "nginx 200" "ratio" "registry 304" "nginx 304" "ratio" "load"
ratios200=() ratios304=() cpu_lines=()
for round in $(seq 1 "$rounds"); do
  read -r r200 c_r200 s200 < <(bench "$url/peers.conf" "" "$registry_pid" "$duration")
  read -r n200 c_n200 t200 < <(bench "$nginx_url/peers.conf" "" "$nginx_pid" "$duration")
  read -r r304 c_r304 s304 < <(bench "$url/peers.conf" "$etag" "$registry_pid" "$duration")
  read -r n304 c_n304 t304 < <(bench "$nginx_url/peers.conf" "$nginx_etag" "$nginx_pid" "$duration")
  [ "$s200$t200$s304$t304" = 200200304304 ] || { echo "unexpected status: $s200 $t200 $s304 $t304" >&2; exit 1; }
  ratios200+=("$(awk -v a="$r200" -v b="$n200" 'BEGIN { printf "%.2f", a / b }')")
  ratios304+=("$(awk -v a="$r304" -v b="$n304" 'BEGIN { printf "%.2f", a / b }')")
  printf '%-6s %22s %22s %6s %22s %22s %6s  %s\n' "$round" "$r200/s ${c_r200}us" "$n200/s ${c_n200}us" "${ratios200[-1]}" \
    "$r304/s ${c_r304}us" "$n304/s ${c_n304}us" "${ratios304[-1]}" "$(cut -d' ' -f1 /proc/loadavg)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "(req/s and the server's CPU time per request, user+system, nginx's workers included)"
full=$(median "${ratios200[@]}") not_modified=$(median "${ratios304[@]}")
echo "registry/nginx throughput, median of $rounds rounds: full body $full, not modified $not_modified"
# The goal (issue 15 item 6): at least 0.8x nginx for full bodies and for 304s, in the same run.
awk -v a="$full" -v b="$not_modified" 'BEGIN { printf "goal >= 0.8x nginx: full body %s, not modified %s\n",
  a >= 0.8 ? "met" : "NOT met", b >= 0.8 ? "met" : "NOT met" }'
echo "load average after the GET runs: $(cut -d' ' -f1-3 /proc/loadavg)"
cleanup
}

for n in ${node_counts//,/ }; do run "$n"; done
