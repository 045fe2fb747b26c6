#!/usr/bin/env bash
# The cycle benchmark: N tickers x A LLM agents against the Ollama protocol test server answering after a fixed
# latency L, plus the publish throughput to a real redis-server. Prints the figures and writes them under
# bench-results/. Not part of the test suite (it measures, it does not assert).
#   bench/run.sh [TICKERS (<=5)] [AGENTS] [LATENCY_MS] [ENDPOINT_PARALLEL] [PARALLEL_TICKERS]
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -q -B -ntp -pl orchestrator -am verify -Dtest=CycleBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dquorum.bench=true \
  -Dbench.tickers="${1:-5}" -Dbench.agents="${2:-4}" -Dbench.latencyMs="${3:-200}" -Dbench.parallel="${4:-4}" -Dbench.parallelTickers="${5:-1}" \
  -Dsurefire.printSummary=false -DtrimStackTrace=false -Dsurefire.redirectTestOutputToFile=false
