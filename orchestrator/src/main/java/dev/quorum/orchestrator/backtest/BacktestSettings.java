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
 * @param commitEvery how many sessions share one SQLite transaction (one sync of the file): a stopped or killed run
 *                    resumes from the last commit. 0 commits each operation on its own, as the service does (how the
 *                    batched walk is proven to decide the same)
 */
public record BacktestSettings(Path marketData, List<String> tickers, LocalDate from, LocalDate to, Path database,
                               OptionalInt maxSessions, int commitEvery) {

    /** Sessions per commit unless told otherwise: about a month of history per sync of the file. */
    public static final int DEFAULT_COMMIT_EVERY = 20;

    public BacktestSettings(Path marketData, List<String> tickers, LocalDate from, LocalDate to, Path database,
                            OptionalInt maxSessions) {
        this(marketData, tickers, from, to, database, maxSessions, DEFAULT_COMMIT_EVERY);
    }

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
        if (commitEvery < 0) {
            throw new IllegalArgumentException("--commit-every must be 0 (each operation) or a number of sessions, was " + commitEvery);
        }
    }

    /** The same replay with {@code sessions} sessions per commit. */
    public BacktestSettings withCommitEvery(int sessions) {
        return new BacktestSettings(marketData, tickers, from, to, database, maxSessions, sessions);
    }

    /** The same replay deciding at most {@code sessions} new sessions. */
    public BacktestSettings withMaxSessions(OptionalInt sessions) {
        return new BacktestSettings(marketData, tickers, from, to, database, sessions, commitEvery);
    }

    /** Where the backtest keeps its other state (meta-learner checkpoints, the JSON-lines envelopes): beside the database. */
    public Path stateDirectory() {
        return database.toAbsolutePath().resolveSibling(database.getFileName() + ".state");
    }
}
