#!/usr/bin/env bash
# The cycle benchmark: N tickers x A LLM agents against the Ollama protocol test server answering after a fixed
# latency L, plus the publish throughput to a real redis-server. Prints the figures and writes them under
# bench-results/. Not part of the test suite (it measures, it does not assert).
#   bench/run.sh [TICKERS (<=5)] [AGENTS] [LATENCY_MS] [ENDPOINT_PARALLEL] [PARALLEL_TICKERS] [SESSIONS_AFTER_THE_EIGHTH]
# The benchmark's JVM gets the -XX: flags of the systemd unit's ExecStart line (its JIT and collector: C1 only,
# serial GC), so the cycle is measured as the service runs it; the class-data archive flags are left out.
set -euo pipefail
cd "$(dirname "$0")/.."
unit=systemd/quorum.service
jvm_flags=$(sed -n 's/^ExecStart=//p' "$unit" | grep -oE -- '-XX:[+-]?[A-Za-z]+(=[0-9A-Za-z.]+)?' \
  | grep -vE 'SharedArchiveFile|ArchiveClassesAtExit' | tr '\n' ' ')
[ -n "$jvm_flags" ] || { echo "$unit: no -XX: flags found on its ExecStart line" >&2; exit 2; }
exec mvn -q -B -ntp -pl orchestrator -am verify -Dtest=CycleBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dquorum.bench=true -DargLine="$jvm_flags" \
  -Dbench.tickers="${1:-5}" -Dbench.agents="${2:-4}" -Dbench.latencyMs="${3:-200}" -Dbench.parallel="${4:-4}" -Dbench.parallelTickers="${5:-1}" -Dbench.sessions="${6:-20}" \
  -Dsurefire.printSummary=false -DtrimStackTrace=false -Dsurefire.redirectTestOutputToFile=false
