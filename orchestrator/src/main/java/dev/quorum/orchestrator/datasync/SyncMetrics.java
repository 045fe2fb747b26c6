package dev.quorum.orchestrator.datasync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What syncing reports on {@code /metrics}: {@code quorum_market_sync_rows_total{provider}} (rows fetched and parsed)
 * and {@code quorum_market_sync_failures_total{provider}} (requests that failed after their retries).
 */
public final class SyncMetrics {

    private final MeterRegistry registry;

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void rowsFetched(String provider, int rows) {
        counter("quorum.market.sync.rows", "Rows fetched from a market-data provider", provider).increment(rows);
    }

    void failed(String provider) {
        counter("quorum.market.sync.failures", "Market-data requests that failed after their retries", provider).increment();
    }

    private Counter counter(String name, String description, String provider) {
        return Counter.builder(name).description(description).tag("provider", provider).register(registry);
    }
}
