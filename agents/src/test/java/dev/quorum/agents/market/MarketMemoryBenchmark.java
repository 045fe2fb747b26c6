package dev.quorum.agents.market;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The market-data memory benchmark (not a test: it asserts nothing and is skipped unless {@code -Dquorum.bench=true};
 * run {@code bench/market-memory.sh}). Loads every ticker's bars of a market-data directory ({@code ../shared/data}
 * by default: 23 tickers, 2014-2024) and prints the heap they keep, measured after GC, per bar and in all, next to
 * issue 16's targets (64 bytes a bar; 23 tickers x 10 years in 30 MB); then the same bars held as {@link PriceBar}
 * records, as they were before the columns, for comparison. Everything the open market data holds counts against
 * the per-bar figure (calendar, caches), so it is an upper bound of the columns' cost.
 */
class MarketMemoryBenchmark {

    private static final long MB = 1L << 20;

    @Test
    void market_memory_benchmark() {
        Assumptions.assumeTrue(Boolean.getBoolean("quorum.bench"), "benchmark: run bench/market-memory.sh (-Dquorum.bench=true)");
        String dir = System.getProperty("bench.dir", "");
        Path data = dir.isEmpty() ? MarketDirectories.sharedOrSkip() : Path.of(dir);

        long before = heapAfterGc();
        CsvMarketData market = CsvMarketData.open(data);
        long bars = 0;
        for (String ticker : market.tickers()) {
            bars += market.dailyBars(ticker).size();
        }
        long columns = heapAfterGc() - before;

        List<List<PriceBar>> records = new ArrayList<>();
        for (String ticker : market.tickers()) {
            records.add(new ArrayList<>(market.dailyBars(ticker)));
        }
        long asRecords = heapAfterGc() - before - columns;
        Reference.reachabilityFence(records);
        Reference.reachabilityFence(market);

        int tickers = market.tickers().size();
        double years = bars / (double) tickers / 252;
        System.out.printf(Locale.ROOT, """
                Quorum market-data memory benchmark: %s
                  %d tickers, %d bars (%.1f years each on average at 252 sessions a year)
                  columns, resident after GC:  %6.1f bytes/bar   (target <= 64)
                                               %6.2f MB in all    (target: 23 tickers x 10 years <= 30 MB; here %.2f MB scaled to that)
                  as PriceBar records:         %6.1f bytes/bar   (before issue 16; for comparison)
                """, data, tickers, bars, years,
                columns / (double) bars, columns / (double) MB, columns / (double) bars * 23 * 2520 / MB,
                asRecords / (double) bars);
    }

    private static long heapAfterGc() {
        long used = Long.MAX_VALUE;
        // Until it stops shrinking: one System.gc() may leave garbage a second one finds.
        for (int i = 0; i < 10; i++) {
            System.gc();
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }
}
