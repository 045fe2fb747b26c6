package dev.quorum.orchestrator.datasync;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code /metrics} shows of syncing, as Prometheus text. */
class SyncMetricsTest {

    @Test
    void should_count_rows_fetched_and_failures_per_provider() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SyncMetrics metrics = new SyncMetrics(registry);

        metrics.rowsFetched("stooq", 21);
        metrics.rowsFetched("stooq", 1);
        metrics.rowsFetched("fred", 3);
        metrics.failed("alpaca");

        String scrape = registry.scrape();
        assertTrue(scrape.contains("quorum_market_sync_rows_total{provider=\"stooq\"} 22.0"), scrape);
        assertTrue(scrape.contains("quorum_market_sync_rows_total{provider=\"fred\"} 3.0"), scrape);
        assertTrue(scrape.contains("quorum_market_sync_failures_total{provider=\"alpaca\"} 1.0"), scrape);
    }
}
