#!/usr/bin/env bash
# The market-data memory benchmark: every ticker's bars of DATA_DIR (default ../shared/data) loaded, the heap they
# keep after GC printed per bar and in all next to issue 16's targets (64 bytes a bar, 23 tickers x 10 years in
# 30 MB), and the same bars as PriceBar records for comparison. Not part of the test suite (it measures).
#   bench/market-memory.sh [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -q -B -ntp -pl agents -am verify -Dtest=MarketMemoryBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dquorum.bench=true -Dbench.dir="${1:-}" \
  -Dsurefire.printSummary=false -DtrimStackTrace=false -Dsurefire.redirectTestOutputToFile=false
