package dev.quorum.orchestrator.datasync;

import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.agents.market.MarketData;
import dev.quorum.agents.market.MarketSnapshot;
import dev.quorum.agents.market.PriceBar;
import dev.quorum.agents.market.TradingCalendar;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The market-data directory of a long-running process: a {@link CsvMarketData} (which reads each file once and caches
 * it) that {@link #reload} swaps for a fresh one after a sync wrote new files. A cycle that already holds a snapshot
 * keeps reading the one it started with; the next call sees the new data.
 */
public final class LiveMarketData implements MarketData {

    private final Path directory;
    private volatile CsvMarketData current;

    private LiveMarketData(Path directory) {
        this.directory = directory;
        this.current = CsvMarketData.open(directory);
    }

    /** @throws dev.quorum.agents.market.MarketDataException as {@link CsvMarketData#open(Path)} */
    public static LiveMarketData open(Path directory) {
        return new LiveMarketData(directory);
    }

    /**
     * Reads the directory again.
     *
     * @throws dev.quorum.agents.market.MarketDataException when it cannot be opened; the previous data stays in use
     */
    public void reload() {
        current = CsvMarketData.open(directory);
    }

    public Path directory() {
        return current.directory();
    }

    @Override
    public Set<String> tickers() {
        return current.tickers();
    }

    @Override
    public TradingCalendar calendar() {
        return current.calendar();
    }

    @Override
    public List<PriceBar> dailyBars(String ticker) {
        return current.dailyBars(ticker);
    }

    @Override
    public MarketSnapshot asOf(LocalDate tradeDate) {
        return current.asOf(tradeDate);
    }
}
