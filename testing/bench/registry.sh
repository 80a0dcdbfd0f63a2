#!/usr/bin/env bash
# Registry benchmark, for each N in NODES (comma-separated, default 1000): a fresh registry is filled with N
# approved nodes by CLIENTS (default 32) concurrent clients registering with an enrollment token (total
# time and cost per registration printed, the registry's CPU with its JIT compilers' share, and whether the
# registration goal of issue 15 is met), then GET /peers.conf, full answers (200) and conditional ones
# (304, If-None-Match), is measured with wrk on loopback, side by side with nginx serving the very same
# bytes as a static file over TLS with the same certificate, in the same run. Like for like: nginx writes an
# access line per request too (buffered into a file, as the registry batches its lines), both offer TLS 1.2
# and 1.3, and each server gets a discarded warm-up run of every measurement first (the registry's JIT
# compiles the AES-GCM path only after some seconds of traffic; a registry runs for months).
#   usage: testing/bench/registry.sh [NODES] [SECONDS] [CLIENTS]   (needs: mvn -q -B -DskipTests package; wrk, nginx)
#   e.g.   testing/bench/registry.sh 1000,5000 10
set -euo pipefail
top=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
node_counts=${1:-1000}
duration=${2:-10}
clients=${3:-32}
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

# prints "requests/s  mean-latency  status"
bench() {  # $1 = URL, $2 = If-None-Match value or ""
  local header=() out status
  [ -n "$2" ] && header=(-H "If-None-Match: $2")
  status=$(curl -sk -o /dev/null -w '%{http_code}' "${header[@]}" "$1")
  wrk -t2 -c32 -d"$((duration * 2))s" "${header[@]}" "$1" > /dev/null   # warm-up, not counted
  out=$(wrk -t2 -c32 -d"${duration}s" "${header[@]}" "$1")
  printf '%10s  %10s  %s\n' "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '/Latency/ {print $2; exit}' <<<"$out")" "$status"
}

echo "load average before the GET runs: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %10s  %10s  %s\n' "server, answer" "req/s" "latency" "status"
read -r r200 l200 s200 < <(bench "$url/peers.conf" "");            printf '%-28s %10s  %10s  %s\n' "registry, full body" "$r200" "$l200" "$s200"
read -r n200 m200 t200 < <(bench "$nginx_url/peers.conf" "");      printf '%-28s %10s  %10s  %s\n' "nginx static, full body" "$n200" "$m200" "$t200"
read -r r304 l304 s304 < <(bench "$url/peers.conf" "$etag");        printf '%-28s %10s  %10s  %s\n' "registry, If-None-Match" "$r304" "$l304" "$s304"
read -r n304 m304 t304 < <(bench "$nginx_url/peers.conf" "$nginx_etag"); printf '%-28s %10s  %10s  %s\n' "nginx static, If-None-Match" "$n304" "$m304" "$t304"
awk -v a="$r200" -v b="$n200" -v c="$r304" -v d="$n304" \
  'BEGIN { printf "registry/nginx throughput: full body %.2f, not modified %.2f\n", a / b, c / d }'
echo "load average after the GET runs: $(cut -d' ' -f1-3 /proc/loadavg)"
cleanup
}

for n in ${node_counts//,/ }; do run "$n"; done
