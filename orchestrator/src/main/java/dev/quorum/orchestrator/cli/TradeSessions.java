package dev.quorum.orchestrator.cli;

import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.orchestrator.config.QuorumConfig;
import picocli.CommandLine;

import java.time.LocalDate;
import java.util.List;

/**
 * The sessions of a market-data directory's calendar (SPY's dates), and the check of a {@code --date} against them:
 * a weekend or a holiday is refused up front in one line (exit code 2), before a command opens its database or
 * decides anything, rather than reported as a failure per ticker.
 */
public final class TradeSessions {

    private TradeSessions() {
    }

    /** The sessions of the configured market data, oldest first, read as the runtime reads them (market.max_file_mb). */
    public static List<LocalDate> of(QuorumConfig config) {
        return CsvMarketData.open(config.marketDataDirectory(), CsvMarketData.DEFAULT_CALENDAR_TICKER,
                config.market().maxFileBytes()).calendar().sessions();
    }

    /** @throws CommandLine.ParameterException when {@code date} is not one of {@code sessions} */
    public static LocalDate requireSession(CommandLine cli, List<LocalDate> sessions, LocalDate date, QuorumConfig config) {
        if (!sessions.contains(date)) {
            String range = sessions.isEmpty() ? "it has none" : "its sessions run from " + sessions.get(0) + " to "
                    + sessions.get(sessions.size() - 1) + "; weekends and exchange holidays are not sessions";
            throw new CommandLine.ParameterException(cli, date + " is not a session of the market data in "
                    + config.marketDataDirectory() + " (" + range + ")");
        }
        return date;
    }
}
