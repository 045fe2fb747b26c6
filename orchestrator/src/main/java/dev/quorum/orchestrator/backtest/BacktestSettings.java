package dev.quorum.orchestrator.backtest;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What to replay.
 *
 * @param database    the SQLite file holding the backtest's decisions, outcomes and weights (its progress)
 * @param maxSessions decide at most this many new sessions in this run, then stop cleanly (resume later)
 */
public record BacktestSettings(Path marketData, List<String> tickers, LocalDate from, LocalDate to, Path database,
                               OptionalInt maxSessions) {

    public BacktestSettings {
        Objects.requireNonNull(marketData, "marketData");
        Objects.requireNonNull(database, "database");
        tickers = List.copyOf(tickers);
        if (tickers.isEmpty()) {
            throw new IllegalArgumentException("--tickers: at least one ticker is needed");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        if (maxSessions.isPresent() && maxSessions.getAsInt() < 1) {
            throw new IllegalArgumentException("--max-sessions must be at least 1, was " + maxSessions.getAsInt());
        }
    }

    /** Where the backtest keeps its other state (meta-learner checkpoints, the JSON-lines envelopes): beside the database. */
    public Path stateDirectory() {
        return database.toAbsolutePath().resolveSibling(database.getFileName() + ".state");
    }
}
