#!/usr/bin/env bash
# The endpoint scaling benchmark: one model served by 1, 2 and 4 Ollama protocol test servers, each with a fixed
# latency L and parallelism P (503 beyond P), called by 2 x E x P threads through one ModelChainClient. Prints the
# throughput as a ratio to ideal linear scaling and writes it under bench-results/. Not part of the test suite.
#   bench/endpoints.sh [LATENCY_MS] [PARALLEL] [CALLS_PER_SLOT]
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -q -B -ntp -pl agents -am verify -Dtest=EndpointScalingBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dquorum.bench=true \
  -Dbench.latencyMs="${1:-200}" -Dbench.parallel="${2:-2}" -Dbench.callsPerSlot="${3:-20}" \
  -Dsurefire.printSummary=false -DtrimStackTrace=false -Dsurefire.redirectTestOutputToFile=false
