#!/usr/bin/env bash
# The backtest benchmark: the rules backend over 20 tickers of ../shared/data, printing decisions per second next to
# the target (600 on disk), the cycle's cost breakdown and the top frames of a JFR profile of the walk. Not part of the
# test suite (it measures, it does not assert).
#   bench/backtest.sh [FROM] [TO] [DB_DIR] [RECALL on|off] [BASELINE on|off] [COMMIT_EVERY]
# DB_DIR defaults to the temp directory (on disk); /dev/shm shows the cost without the disk's fsyncs (SQLite
# synchronous=FULL). RECALL defaults to off (the rules agents do not read recall; on adds an embedding and an index per
# decision). BASELINE on first walks the same window committing each operation on its own (--commit-every 0, the walk
# before batching) in the same JVM: on a shared machine only the ratio of the two is worth quoting.
# COMMIT_EVERY is the sessions per SQLite commit (default: the backtest's own default).
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -q -B -ntp -pl orchestrator -am test -Dtest=BacktestBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dquorum.bench=true -Dbench.from="${1:-2015-01-02}" -Dbench.to="${2:-2022-12-30}" -Dbench.dir="${3:-${TMPDIR:-/tmp}}" -Dbench.recall="${4:-off}" \
  -Dbench.baseline="${5:-off}" ${6:+-Dbench.commitEvery="$6"} \
  -Dsurefire.printSummary=false -DtrimStackTrace=false -Dsurefire.redirectTestOutputToFile=false
