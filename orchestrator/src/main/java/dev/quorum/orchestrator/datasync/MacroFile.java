package dev.quorum.orchestrator.datasync;

import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.agents.market.DailyValue;
import dev.quorum.agents.market.MacroObservation;
import dev.quorum.agents.market.MacroSeries;
import dev.quorum.orchestrator.config.MarketSyncConfig;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The macro files a sync keeps current, each from one FRED series, in the stored layout so the point-in-time layer
 * reads them unchanged and applies each one's publication lag ({@link MacroSeries#knownFrom}):
 * <ul>
 *   <li>{@code macro/vix-daily.csv} from {@code VIXCLS} (CBOE VIX close): known at that session's close;</li>
 *   <li>{@code macro/us10y-monthly.csv} from {@code GS10}, the monthly average of the daily {@code DGS10} that the
 *       stored file holds: known from the 1st of the next month;</li>
 *   <li>{@code macro/cpi-us-monthly.csv} from {@code market.sync.fred.cpi_series}: {@code CPIAUCNS} (the default),
 *       CPI-U not seasonally adjusted, the series the shipped files hold, or {@code CPIAUCSL}, seasonally adjusted
 *       (revised for five years back every February, which a sync does not apply to stored months): known from the
 *       15th of the next month. Which one the file holds is recorded in {@code macro/cpi-us-monthly.series}, since
 *       the CSV reader admits no comment line; a file without it holds {@code CPIAUCNS};</li>
 *   <li>{@code macro/us10y-daily.csv} ({@code date,rate}) from {@code DGS10}, the daily rate: known from the close of
 *       the session after its date (the Fed's H.15 publishes a day's rate the next business day).</li>
 * </ul>
 */
enum MacroFile {

    VIX("VIXCLS", "macro/vix-daily.csv", "DATE", "CLOSE", null, "known at that session's close", true) {
        @Override
        Optional<LocalDate> lastDate(Path file) {
            List<DailyValue> values = CsvMarketData.readVixFile(file);
            return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1).date());
        }
    },
    US10Y("GS10", "macro/us10y-monthly.csv", "Date", "Rate", MacroSeries.US10Y_YIELD, "known from the 1st of the next month", false),
    CPI("CPIAUCNS", "macro/cpi-us-monthly.csv", "Date", "Index", MacroSeries.CPI, "known from the 15th of the next month", true) {
        @Override
        String seriesId(MarketSyncConfig config) {
            return config.fred().cpiSeries().name();
        }

        @Override
        Optional<Path> seriesRecord(Path file) {
            return Optional.of(file.resolveSibling("cpi-us-monthly.series"));
        }
    },
    US10Y_DAILY("DGS10", CsvMarketData.US10Y_DAILY_FILE, "date", "rate", null, "known from the next session's close", false) {
        @Override
        Optional<LocalDate> lastDate(Path file) {
            List<DailyValue> values = CsvMarketData.readUs10yDailyFile(file);
            return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1).date());
        }
    };

    final String seriesId;
    final String relativePath;
    final String dateColumn;
    final String valueColumn;
    final MacroSeries monthly;
    final String publicationLag;
    /** Whether every value is above 0: a volatility index or a price index is; a yield may be negative. */
    final boolean positive;

    MacroFile(String seriesId, String relativePath, String dateColumn, String valueColumn, MacroSeries monthly,
              String publicationLag, boolean positive) {
        this.seriesId = seriesId;
        this.relativePath = relativePath;
        this.dateColumn = dateColumn;
        this.valueColumn = valueColumn;
        this.monthly = monthly;
        this.publicationLag = publicationLag;
        this.positive = positive;
    }

    /** The FRED series the file is synced from. */
    String seriesId(MarketSyncConfig config) {
        return seriesId;
    }

    /** The file that records which series {@code file} holds, for a file whose series is configurable. */
    Optional<Path> seriesRecord(Path file) {
        return Optional.empty();
    }

    /** Reads the file with the point-in-time layer's checks; its last observation's date (a month's first day). */
    Optional<LocalDate> lastDate(Path file) {
        List<MacroObservation> values = CsvMarketData.readMacroFile(file, monthly);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1).month().atDay(1));
    }

    /** The last value, for the month-over-month column a monthly file may carry. */
    Optional<Double> lastValue(Path file) {
        if (monthly == null) {
            return Optional.empty();
        }
        List<MacroObservation> values = CsvMarketData.readMacroFile(file, monthly);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1).value());
    }
}
