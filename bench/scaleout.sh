#!/usr/bin/env bash
# The scale-out benchmark: 1, 2 and 4 workers (own SQLite, own Ollama test server with fixed latency L and
# parallelism P) taking the same jobs from one job stream on a real redis-server. Prints the throughput and its
# ratio to ideal linear scaling; writes it under bench-results/. Measures, asserts nothing about time.
#   bench/scaleout.sh [LATENCY_MS] [ENDPOINT_PARALLEL] [SESSIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -q -B -ntp -pl orchestrator -am verify -Dtest=ScaleOutBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dquorum.bench=true -Dbench.latencyMs="${1:-200}" -Dbench.parallel="${2:-4}" -Dbench.sessions="${3:-16}" \
  -Dsurefire.printSummary=false -DtrimStackTrace=false -Dsurefire.redirectTestOutputToFile=false
