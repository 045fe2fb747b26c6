#!/usr/bin/env bash
# The service benchmark (issue 17, point 6): how long `serve` takes from launch to ready, and its resident memory
# (RSS, from /proc) after N cycles over the watchlist, run as the systemd unit runs it: the unit's ExecStart line
# itself (install paths replaced by a temporary state directory, this jar and this config), its Environment= lines
# (except QUORUM_*, which name the install paths) and its MemoryMax= (which the JVM takes as its RAM, reproduced
# with -XX:MaxRAM in JAVA_TOOL_OPTIONS). Rules agents, embedded recall, a real redis-server on a free loopback port,
# decisions.redecide on so every POST /api/scan decides every ticker again (otherwise a second scan of the same day
# only says "kept"). Two starts, as an installed service sees them: the first (new database, no class archive yet:
# it writes one when it stops), after one cycle stopped with SIGTERM; then the restart that is measured (the
# target), followed by the cycles. CPU seconds at ready are printed beside the wall time: on a shared machine they
# are the steadier figure. Not part of the test suite (it measures, it does not assert).
#   bench/service.sh [CYCLES (1000)] [TICKERS (20)]
# Uses ../shared/data when present (20 tickers), else the shipped sample (5 tickers). Builds the jar when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
cycles="${1:-1000}"
want="${2:-20}"
jar=orchestrator/target/quorum.jar
[ -f "$jar" ] || mvn -q -B -ntp package -DskipTests
data=../shared/data
[ -d "$data/prices" ] || data=samples/market
data="$(cd "$data" && pwd)"
tickers=$(ls "$data/prices" | sed 's/\.csv$//' | grep -vx SPY | head -n "$want" | paste -sd, -)

work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
redis_port=$(free_port)
http_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
redis_pid=$!
serve_pid=
cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
  kill "$redis_pid" 2>/dev/null; wait "$redis_pid" 2>/dev/null
  if [ -n "${BENCH_KEEP:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do :; done

cat >"$work/quorum.yaml" <<YAML
watchlist: [$tickers]
data_dir: $work/var
market:
  data_dir: $data
  sync: {max_stale_sessions: 10000}
redis: {url: "redis://127.0.0.1:$redis_port/0"}
http: {port: $http_port}
decisions: {redecide: true}
YAML

unit=systemd/quorum.service
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
[ "$(printf '%s\n' "$exec_start" | wc -l)" = 1 ] || { echo "$unit: expected one ExecStart= line" >&2; exit 2; }
memory_max=$(sed -n 's/^MemoryMax=//p' "$unit")
mapfile -t unit_env < <(sed -n 's/^Environment=//p' "$unit" | grep -v '^QUORUM_')
unit_env=("${unit_env[@]//\/var\/lib\/quorum/$work/var}")
command=${exec_start//\$\$/\$}
command=${command//\/usr\/bin\/java/$(command -v java)}
command=${command//\/var\/lib\/quorum/$work/var}
command=${command//\/opt\/quorum\/quorum.jar/$PWD/$jar}
command=${command//\/etc\/quorum\/quorum.yaml/$work/quorum.yaml}
# PrivateTmp=yes: the service's /tmp is its own and starts empty (SQLite's and ONNX Runtime's native libraries are
# unpacked there, and SQLite's loader lists the directory for stale copies).
grep -qx 'PrivateTmp=yes' "$unit" && mkdir -p "$work/tmp" && command=${command//-Djava.io.tmpdir=\/tmp /-Djava.io.tmpdir=$work\/tmp }
ticks=$(getconf CLK_TCK)

# Starts serve as the unit does; sets serve_pid, ready_ms and ready_cpu (user + system CPU seconds at ready).
start_serve() {
  local start
  start=$(date +%s%N)
  env "${unit_env[@]}" JAVA_TOOL_OPTIONS="-XX:MaxRAM=${memory_max,,}" bash -c "exec $command" >>"$work/serve.log" 2>&1 &
  serve_pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$http_port/health/ready"; do
    kill -0 "$serve_pid" 2>/dev/null || { echo "serve exited before it was ready:" >&2; tail -20 "$work/serve.log" >&2; exit 1; }
    sleep 0.05   # polling a child process's port, not synchronising a test
  done
  ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  ready_cpu=$(awk -v t="$ticks" '{printf "%.1f", ($14 + $15) / t}' "/proc/$serve_pid/stat")
}
stop_serve() {
  kill -TERM "$serve_pid"
  wait "$serve_pid" || true
  serve_pid=
}
scan() {
  curl -fs -o /dev/null -X POST -H "Authorization: Bearer $(cat "$work/var/api-token")" -H 'Content-Type: application/json' \
    "http://127.0.0.1:$http_port/api/scan" || { echo "scan $1 failed:" >&2; tail -20 "$work/serve.log" >&2; exit 1; }
}
load() { cut -d' ' -f1-3 /proc/loadavg; }

start_serve
first_ms=$ready_ms first_cpu=$ready_cpu first_load=$(load)
scan 0
stop_serve
[ -f "$work/var/quorum.jsa" ] || echo "warning: the first start wrote no class archive (see $work/serve.log)" >&2
logged_before=$(grep -c "confidence" "$work/serve.log" || true)
start_serve
ready_load=$(load)
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$serve_pid/status"; }
rss_ready=$(rss_mb)

curve=""
cycle_start=$(date +%s%N)
for ((i = 1; i <= cycles; i++)); do
  scan "$i"
  if (( i % (cycles / 10 > 0 ? cycles / 10 : 1) == 0 )); then curve="$curve $i:$(rss_mb)"; fi
done
cycle_ms=$(( ($(date +%s%N) - cycle_start) / 1000000 ))
rss_end=$(rss_mb)
decided=$(( $(grep -c "confidence" "$work/serve.log" || true) - logged_before ))
count=$(echo "$tickers" | tr ',' '\n' | wc -l)

printf 'Quorum service benchmark (%s cores, %s tickers from %s, rules agents, embedded recall, as systemd/quorum.service runs it)\n' \
  "$(nproc)" "$count" "$data"
printf '      first start (new database, writes the class archive): %.2f s, %s CPU s (load %s)\n' \
  "$(echo "$first_ms / 1000" | bc -l)" "$first_cpu" "$first_load"
printf '      start-to-ready (restart)      : %.2f s, %s CPU s (target <= 3 s; load %s)\n' \
  "$(echo "$ready_ms / 1000" | bc -l)" "$ready_cpu" "$ready_load"
printf '      RSS when ready                : %s MB\n' "$rss_ready"
printf '      RSS after %s cycles          : %s MB (target <= 350 MB; load %s)\n' "$cycles" "$rss_end" "$(load)"
printf '      RSS every %s cycles (n:MB)   :%s\n' "$(( cycles / 10 > 0 ? cycles / 10 : 1 ))" "$curve"
printf '      cycles                        : %s in %.1f s, %s decisions logged\n' "$cycles" "$(echo "$cycle_ms / 1000" | bc -l)" "$decided"
