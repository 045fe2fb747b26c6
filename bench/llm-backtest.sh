#!/usr/bin/env bash
# The LLM backtest benchmark: the same window of samples/market walked session by session, then pipelined (the agents
# of the next sessions asked while one is decided), against Ollama protocol test servers answering every call after a
# fixed latency L. Prints each walk's wall time next to the ideal ceil(calls / (E x P)) x L and the ratio next to the
# target (<= 1.10), with the machine's load. Not part of the test suite (it measures, it does not assert).
#   bench/llm-backtest.sh [TICKERS (<=5)] [FROM] [TO] [LATENCY_MS] [ENDPOINTS E] [PARALLEL P] [RECALL on|off] [ANONYMISE on|off]
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -q -B -ntp -pl orchestrator -am test -Dtest=LlmBacktestBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dquorum.bench=true -Dbench.tickers="${1:-5}" -Dbench.from="${2:-2023-11-01}" -Dbench.to="${3:-2023-11-30}" \
  -Dbench.latencyMs="${4:-200}" -Dbench.endpoints="${5:-2}" -Dbench.parallel="${6:-4}" -Dbench.recall="${7:-on}" \
  -Dbench.anonymise="${8:-on}" \
  -Dsurefire.printSummary=false -DtrimStackTrace=false -Dsurefire.redirectTestOutputToFile=false
