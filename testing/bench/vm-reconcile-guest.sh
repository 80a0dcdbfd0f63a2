#!/usr/bin/env bash
# The guest half of testing/bench/vm-reconcile.sh (runs as root inside the VM, kernel WireGuard).
# Rounds are interleaved: round 1 of every N, then round 2 of every N, and so on, so that a slower
# stretch of the host weighs on every N alike. A round of one N is, one after the other: cold
# `rait up`, no-op `rait up`, `rait up` after adding one peer, `rait down`, then the floor made of
# Debian's tools (one `ip -n TARGET -batch` that adds N wireguard links with mtu, group, address and
# up, and `ip -n TARGET link delete group` for them). Each round starts with `java -version`.
# Between rounds 1 and 2, at N = AGENT_N, `rait agent` (interval 1 s, local peer file): its first
# pass, its no-op passes and three +1 passes, timed by its own metrics (/metrics), the drift passes
# that follow a change, and its RSS.
# Writes "N step round value writes status peak_rss_kb" lines to OUT (value in seconds unless the
# step says otherwise; N = 0 for java -version), and the agent's pass lines (its log's recap and pass
# events, each with duration_ms and kernel_requests) to agent-passes.log beside it.
#   usage (guest): vm-reconcile-guest.sh OUT REPS AGENT_N N...     (AGENT_N = 0: no agent figures;
#                  REPS = 0: the agent only, no rounds)
set -uo pipefail
out=$1 reps=$2 agent_n=$3
recaps=$(dirname "$out")/recaps.log
shift 3
sizes=("$@")
top=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
work=$(mktemp -d /tmp/raitvmbench-XXXX)
# bin/rait with the AppCDS archive this node records for itself, as an installed node does (RECORD_IN_GUEST=0:
# the host's); which one it is goes to archive.txt beside OUT.
rait=$("$top/testing/bench/vm-guest-archive.sh" "$top" "$(dirname "$out")")
echo "guest: AppCDS archive $(cat "$(dirname "$out")/archive.txt")"
transit=vmb-t target=vmb-g group=54 metrics=127.0.0.1:9154
ip netns add $transit
ip netns add $target
ip -n $transit link set lo up
now() { cut -d' ' -f1 /proc/uptime; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN {printf "%.3f", b - a}'; }
say() { echo "guest: $* (at $(now) s)"; }

cat > "$work/rait.conf" <<CONF
name = "bench"
private_key = "$(wg genkey)"
peers = "$work/peers.conf"
backend = "kernel"
runtime_dir = "$work/run"
transport {
  address_family = "ip4"
  send_port = 40000
  ifprefix = "bx"
}
isolation {
  ifgroup = $group
  transit = "$transit"
  target = "$target"
}
CONF
{
  cat "$work/rait.conf"
  printf 'agent {\n  interval = 1\n  metrics_listen = "%s"\n  state_dir = "%s"\n  report = false\n}\n' "$metrics" "$work/state"
} > "$work/agent.conf"

peer_entry() {  # $1 = index
  printf 'peers {\n  public_key = "%s"\n  endpoint {\n    address_family = "ip4"\n    send_port = %d\n    address = "10.56.%d.%d"\n  }\n}\n' \
    "$(wg genkey | wg pubkey)" $((41000 + $1)) $(($1 / 250)) $(($1 % 250 + 1))
}
# The peer lists, made once: peers.N (N peers) and extra.N.K (peer N+K, K = 1..3).
all=$(printf '%s\n' "${sizes[@]}" "$agent_n" | sort -n | tail -1)
: > "$work/peers.all"
for i in $(seq 1 $((all + 3))); do peer_entry "$i" >> "$work/peers.all"; done
lines_per_peer=8
for n in "${sizes[@]}" "$agent_n"; do
  head -n $((n * lines_per_peer)) "$work/peers.all" > "$work/peers.$n"
  for k in 1 2 3; do
    sed -n "$(((n + k - 1) * lines_per_peer + 1)),$(((n + k) * lines_per_peer))p" "$work/peers.all" > "$work/extra.$n.$k"
  done
done
say "peer lists ready"

# One timed rait command: "seconds writes status peak_rss_kb". Its last pass line (recap: duration_ms
# and the phases, kernel_requests) goes to recaps.log beside OUT, after "N step round" ($label).
# The one-shots of round 1 also log where their classes came from (classes.N.STEP.1.txt beside OUT, read
# by vm-class-origins.py; a few ms of a command's seconds).
timed() {
  local t0 status log=()
  [[ $label =~ ^[0-9]+\ (cold|noop|plus1|down)\ 1$ ]] && log=("JAVA_TOOL_OPTIONS=-Xlog:class+load:file=$(dirname "$out")/classes.${label// /.}.txt")
  t0=$(now)
  env "${log[@]}" /usr/bin/time -f %M -o "$work/rss" "$rait" "$@" -v -c "$work/rait.conf" > "$work/out" 2> "$work/err"
  status=$?
  # with the steps of its creations (event=create_steps: create, links, settings, configure, up) on the same line
  { grep -E 'event=(recap|pass_failed) ' "$work/err" | tail -1; grep -o 'event=create_steps .*' "$work/err" | tail -1; } |
    paste -sd' ' | sed "s/^/$label /" >> "$recaps"
  echo "$(since "$t0") $(grep -o 'event=writes count=[0-9]*' "$work/err" | tail -1 | cut -d= -f3 | grep . || echo -) $status $(tail -1 "$work/rss")"
  [ "$status" = 0 ] || { echo "guest: rait $1 exited $status:"; tail -5 "$work/err"; } >&2
}
floor() {  # $1 = N: "seconds seconds" of one ip -batch adding N links, then of the group delete
  local batch=$work/floor.batch t0 add
  : > "$batch"
  for i in $(seq 1 "$1"); do
    printf 'link add fx%d mtu 1420 group %d type wireguard\naddress add fe80::%x/64 dev fx%d\nlink set fx%d up\n' \
      "$i" $group "$i" "$i" "$i" >> "$batch"
  done
  t0=$(now); ip -n $target -batch "$batch" >&2; add=$(since "$t0")
  t0=$(now); ip -n $target link delete group $group >&2
  echo "$add $(since "$t0")"
}

round() {  # $1 = the round's number
  local rep=$1 t0 n add del
  t0=$(now); java -version 2>/dev/null
  echo "0 java_version $rep $(since "$t0") - 0 -" >> "$out"
  for n in "${sizes[@]}"; do
    cp "$work/peers.$n" "$work/peers.conf"
    label="$n cold $rep"; echo "$label $(timed up)" >> "$out"
    label="$n noop $rep"; echo "$label $(timed up)" >> "$out"
    cat "$work/extra.$n.1" >> "$work/peers.conf"
    label="$n plus1 $rep"; echo "$label $(timed up)" >> "$out"
    label="$n down $rep"; echo "$label $(timed down)" >> "$out"
    read -r add del < <(floor "$n")
    echo "$n floor_add $rep $add 1 0 -" >> "$out"
    echo "$n floor_delete $rep $del 1 0 -" >> "$out"
    say "N=$n round $rep done"
  done
}

# --- the agent, timed by its own metrics ---
scrape() { curl -s --max-time 20 "http://$metrics/metrics"; }
# Seconds spent in passes so far: the whole-pass histogram when the agent exports one, else the sum
# of its phase histograms.
pass_seconds() {
  awk '/^rait_pass_duration_seconds_sum/ {whole += $NF; has = 1}
       /^rait_pass_phase_duration_seconds_sum/ {phases += $NF}
       END {printf "%.6f", has ? whole : phases}'
}
passes() {  # $1 = a label filter (regex) or ""
  awk -v f="$1" '/^rait_agent_passes_total\{/ && $0 ~ f {n += $NF} END {printf "%d", n}'
}
# Waits until the agent has made more than $2 passes matching $1; prints the scrape. Fails after $3 s.
await_passes() {
  local deadline=$(( ${3%.*} + ${SECONDS} )) text
  while [ "$SECONDS" -lt "$deadline" ]; do
    text=$(scrape)
    if [ "$(echo "$text" | passes "$1")" -gt "$2" ]; then echo "$text"; return 0; fi
    kill -0 "$agent" 2>/dev/null || { echo "guest: the agent exited" >&2; return 1; }
    sleep 0.5
  done
  echo "guest: no pass matching '$1' beyond $2 within $3 s" >&2
  return 1
}
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$agent/status"; }
# While a pass runs nothing else may: the guest has one vCPU, and a scrape reads every tunnel's device
# (the per-peer series), 200 kernel requests and a good share of a pass's time. So the waits below
# follow the agent's log without forking (bash builtins only) and scrape once the pass is logged.
exec {tickfd}<> <(:)    # a pipe nobody writes: `read -t` on it sleeps without a process
tick() { read -r -t "$1" -u "$tickfd" _ || true; }
log_passes=0 log_fresh=0 log_rest=
read_log() {  # counts the pass lines (all, fresh) the agent logged since the last call
  local line
  while true; do
    IFS= read -r line <&"$logfd" || { log_rest+=$line; return 0; }
    line=$log_rest$line log_rest=
    [[ $line == *" event=recap "* || $line == *" event=pass "* ]] || continue
    log_passes=$((log_passes + 1))
    [[ $line == *" news=fresh "* ]] && log_fresh=$((log_fresh + 1))
  done
}
await_log() {  # $1 = log_passes or log_fresh, $2 = the count to reach, $3 = timeout (s)
  local deadline=$((SECONDS + $3))
  while read_log; [ "${!1}" -lt "$2" ]; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "guest: the agent's log has $1=${!1}, not $2, after $3 s" >&2; return 1; }
    kill -0 "$agent" 2>/dev/null || { echo "guest: the agent exited" >&2; return 1; }
    tick 0.2
  done
}

agent_bench() {
  local n=$1 t0 s0 s1 c0 sum0 noop k before after count
  cp "$work/peers.$n" "$work/peers.conf"
  t0=$(now)
  : > "$work/agent.log"
  exec {logfd}< "$work/agent.log"    # opened before the agent starts writing it
  "$rait" agent -v -c "$work/agent.conf" > "$work/agent.out" 2>> "$work/agent.log" &
  agent=$!
  await_log log_passes 1 1200 || return 1
  s0=$(await_passes 'action="applied"' 0 1200) || return 1
  echo "$n agent_first_pass 1 $(echo "$s0" | pass_seconds) - 0 $(rss_kb)" >> "$out"
  echo "$n agent_start_to_first_pass 1 $(since "$t0") - 0 -" >> "$out"
  say "agent: first pass done"
  sleep 8   # the passes a first pass may bring about (its own link events) are over by then
  s0=$(scrape)
  c0=$(echo "$s0" | passes "")
  read_log
  await_log log_passes $((log_passes + 10)) 300 || return 1
  s1=$(await_passes "" $((c0 + 9)) 60) || return 1
  count=$(( $(echo "$s1" | passes "") - c0 ))
  noop=$(awk -v a="$(echo "$s0" | pass_seconds)" -v b="$(echo "$s1" | pass_seconds)" -v c="$count" 'BEGIN {printf "%.6f", (b - a) / c}')
  echo "$n agent_noop 1 $noop - 0 $(rss_kb)" >> "$out"
  say "agent: $count no-op passes, $noop s each"
  for k in 1 2 3; do
    s0=$(scrape)
    before=$(echo "$s0" | passes "")
    c0=$(echo "$s0" | passes 'news="fresh"')
    read_log
    cat "$work/extra.$n.$k" >> "$work/peers.conf"
    await_log log_fresh $((log_fresh + 1)) 300 || return 1
    s1=$(await_passes 'news="fresh"' "$c0" 60) || return 1
    after=$(echo "$s1" | passes "")
    # a no-op pass that ran before the file changed is in the difference too: take its share out
    echo "$n agent_plus1 $k $(awk -v a="$(echo "$s0" | pass_seconds)" -v b="$(echo "$s1" | pass_seconds)" -v extra=$((after - before - 1)) -v noop="$noop" \
      'BEGIN {printf "%.6f", b - a - extra * noop}') - 0 $(rss_kb)" >> "$out"
    c0=$(echo "$s1" | passes 'news="drift"')
    sleep 5
    echo "$n agent_drift_passes_after_change $k $(( $(scrape | passes 'news="drift"') - c0 )) - 0 -" >> "$out"
  done
  echo "$n agent_rss_mb 1 $(awk -v k="$(rss_kb)" 'BEGIN {printf "%.1f", k / 1024}') - 0 -" >> "$out"
  say "agent: done"
  grep -E 'event=(recap|pass) ' "$work/agent.log" > "$(dirname "$out")/agent-passes.log" || true
  cp "$work/agent.log" "$(dirname "$out")/agent.log"
}

# Round 1, the agent, then the other rounds: a run cut short by the VM's time limit still has every
# N and the agent.
[ "$reps" -gt 0 ] && round 1
if [ "$agent_n" -gt 0 ]; then
  agent=
  if ! agent_bench "$agent_n"; then
    echo "guest: the agent figures are incomplete; its log ends:"
    tail -5 "$work/agent.log"
  fi
  [ -n "$agent" ] && kill "$agent" 2>/dev/null && wait "$agent" 2>/dev/null
  "$rait" down -c "$work/rait.conf" > /dev/null 2>&1
fi
for rep in $(seq 2 "$reps"); do round "$rep"; done
# PROFILE=1: one more cold up, no-op up and down at the largest N, each under Java Flight Recorder
# (method samples every 10 ms), the recordings beside OUT; not counted in the figures.
if [ "${PROFILE:-0}" = 1 ]; then
  n=$(printf '%s\n' "${sizes[@]}" | sort -n | tail -1)
  cp "$work/peers.$n" "$work/peers.conf"
  for step in cold:up noop:up down:down; do
    label="$n profile_${step%%:*} 1"
    RAIT_JAVA_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms16m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 \
-XX:StartFlightRecording=filename=$(dirname "$out")/${step%%:*}.jfr,settings=profile" timed "${step#*:}" > /dev/null
  done
  say "profile round done"
fi
ip netns del $target
ip netns del $transit
