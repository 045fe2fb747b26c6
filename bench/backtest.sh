#!/usr/bin/env bash
# The backtest benchmark: the rules backend over 20 tickers of ../shared/data, printing decisions per second and the
# cycle's cost breakdown. Not part of the test suite (it measures, it does not assert).
#   bench/backtest.sh [FROM] [TO] [DB_DIR] [RECALL on|off]
# DB_DIR defaults to the temp directory; /dev/shm shows the cost without the disk's fsyncs (SQLite synchronous=FULL).
# RECALL defaults to off (the rules agents do not read recall; on adds an embedding and an index per decision).
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -q -B -ntp -pl orchestrator -am verify -Dtest=BacktestBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dquorum.bench=true -Dbench.from="${1:-2015-01-02}" -Dbench.to="${2:-2022-12-30}" -Dbench.dir="${3:-${TMPDIR:-/tmp}}" -Dbench.recall="${4:-off}" \
  -Dsurefire.printSummary=false -DtrimStackTrace=false -Dsurefire.redirectTestOutputToFile=false
