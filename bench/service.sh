#!/usr/bin/env bash
# The service benchmark (issue 17, point 6): how long `serve` takes from launch to ready, and its resident memory
# (RSS, from /proc) after N cycles over the watchlist, with the systemd unit's heap settings (MemoryMax=1536M and
# -XX:MaxRAMPercentage=75, reproduced with -XX:MaxRAM). Rules agents, embedded recall, a real redis-server on a
# free loopback port, decisions.redecide on so every POST /api/scan decides every ticker again (otherwise a second
# scan of the same day only says "kept"). Not part of the test suite (it measures, it does not assert).
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

start=$(date +%s%N)
java -XX:+ExitOnOutOfMemoryError -XX:MaxRAM=1536m -XX:MaxRAMPercentage=75 -jar "$jar" serve --config "$work/quorum.yaml" \
  >"$work/serve.log" 2>&1 &
serve_pid=$!
until curl -fs -o /dev/null "http://127.0.0.1:$http_port/health/ready"; do
  kill -0 "$serve_pid" 2>/dev/null || { echo "serve exited before it was ready:" >&2; tail -20 "$work/serve.log" >&2; exit 1; }
  sleep 0.05   # polling a child process's port, not synchronising a test
done
ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
token=$(cat "$work/var/api-token")
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$serve_pid/status"; }
rss_ready=$(rss_mb)

curve=""
cycle_start=$(date +%s%N)
for ((i = 1; i <= cycles; i++)); do
  curl -fs -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    "http://127.0.0.1:$http_port/api/scan" || { echo "scan $i failed:" >&2; tail -20 "$work/serve.log" >&2; exit 1; }
  if (( i % (cycles / 10 > 0 ? cycles / 10 : 1) == 0 )); then curve="$curve $i:$(rss_mb)"; fi
done
cycle_ms=$(( ($(date +%s%N) - cycle_start) / 1000000 ))
rss_end=$(rss_mb)
decided=$(grep -c "confidence" "$work/serve.log" || true)
count=$(echo "$tickers" | tr ',' '\n' | wc -l)

printf 'Quorum service benchmark (%s, %s tickers from %s, rules agents, embedded recall, heap as the systemd unit)\n' \
  "$(nproc) cores" "$count" "$data"
printf '      start-to-ready                : %.2f s (target <= 3 s)\n' "$(echo "$ready_ms / 1000" | bc -l)"
printf '      RSS when ready                : %s MB\n' "$rss_ready"
printf '      RSS after %s cycles          : %s MB (target <= 350 MB)\n' "$cycles" "$rss_end"
printf '      RSS every %s cycles (n:MB)   :%s\n' "$(( cycles / 10 > 0 ? cycles / 10 : 1 ))" "$curve"
printf '      cycles                        : %s in %.1f s, %s decisions logged\n' "$cycles" "$(echo "$cycle_ms / 1000" | bc -l)" "$decided"
