package dev.quorum.orchestrator.datasync;

import dev.quorum.agents.market.MarketDataException;
import dev.quorum.agents.concurrent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@code market.sync.before_cycle}: the trade date of a scheduled (or API-started) cycle, asked for just before the
 * cycle runs, after a sync of the watchlist within {@code market.sync.timeout_seconds} and a reload of the market
 * data. A sync that fails or runs out of time is logged and the cycle decides on the data there is (each file is
 * either old or new, never half-written); tickers left behind are then degraded or refused by {@link Staleness}.
 */
public final class BeforeCycleSync implements Supplier<LocalDate> {

    private static final Logger LOG = LoggerFactory.getLogger(BeforeCycleSync.class);

    private final MarketDataSync sync;
    private final List<String> watchlist;
    private final Duration timeout;
    private final Runnable reload;
    private final Supplier<LocalDate> latestSession;

    /**
     * @param reload        reads the market-data directory again
     * @param latestSession the trade date once reloaded
     */
    public BeforeCycleSync(MarketDataSync sync, List<String> watchlist, Duration timeout, Runnable reload,
                           Supplier<LocalDate> latestSession) {
        this.sync = sync;
        this.watchlist = List.copyOf(watchlist);
        this.timeout = timeout;
        this.reload = reload;
        this.latestSession = latestSession;
    }

    @Override
    public LocalDate get() {
        ExecutorService runner = Executors.newSingleThreadExecutor(DaemonThreads.named("market-data-sync"));
        Future<MarketDataSync.Report> running = runner.submit(() -> sync.sync(watchlist, Optional.empty(), false));
        try {
            MarketDataSync.Report report = running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            for (MarketDataSync.FileResult file : report.files()) {
                if (file.status() == MarketDataSync.Status.UPDATED || file.status() == MarketDataSync.Status.UP_TO_DATE) {
                    LOG.info("market data sync: {}", file.summary());
                } else {
                    LOG.warn("market data sync: {}", file.summary());
                }
            }
        } catch (TimeoutException e) {
            running.cancel(true);
            LOG.warn("market data sync did not finish within {} s (market.sync.timeout_seconds); deciding on the data there is",
                    timeout.toSeconds());
        } catch (ExecutionException e) {
            LOG.warn("market data sync failed: {}; deciding on the data there is", e.getCause().getMessage());
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
        } finally {
            runner.shutdownNow();
        }
        try {
            reload.run();
        } catch (MarketDataException e) {
            LOG.error("market data cannot be read again after the sync ({}); deciding on the data read before", e.getMessage());
        }
        return latestSession.get();
    }
}
