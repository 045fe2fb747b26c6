package dev.quorum.orchestrator.cli;

import dev.quorum.agents.market.CsvMarketData;
import picocli.CommandLine;

import java.nio.file.Path;
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

    /** The sessions of the market data in {@code marketData}, oldest first. */
    public static List<LocalDate> of(Path marketData) {
        return CsvMarketData.open(marketData).calendar().sessions();
    }

    /** @throws CommandLine.ParameterException when {@code date} is not one of {@code sessions} */
    public static LocalDate requireSession(CommandLine cli, List<LocalDate> sessions, LocalDate date, Path marketData) {
        if (!sessions.contains(date)) {
            throw new CommandLine.ParameterException(cli, date + " is not a session of the market data in " + marketData);
        }
        return date;
    }
}
