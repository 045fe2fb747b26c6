package dev.quorum.orchestrator.backtest;

import dev.quorum.agents.market.MarketData;
import dev.quorum.memory.outcomes.PendingOutcomes;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.runtime.QuorumRuntime;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Replays history through the production decision cycle, one session at a time. The cycle itself (as in the service)
 * first resolves the outcomes known by the session's close (trust weights, the meta-learner and recall learn from
 * them), then decides the session's tickers from {@link MarketData#asOf} that day. A decision therefore never sees a
 * price, an outcome, a weight update or a recalled situation dated after its trade date.
 * <p>
 * Progress is the SQLite file: a (ticker, session) already decided there is skipped, so a stopped or killed backtest
 * resumes where it stopped and ends with the same results as an uninterrupted one. Sessions are committed
 * {@link BacktestSettings#commitEvery()} at a time in one transaction (the disk is synced once per commit, not once
 * per decision, outcome and learning step); everything learned in between is in that transaction too, so a resumed
 * run starts from a consistent state.
 * <p>
 * An LLM backtest may be pipelined ({@link AgentLookahead}): the agents of the next sessions are asked while one is
 * decided; the decisions are the same.
 */
public final class WalkForward {

    /** How a run ended. */
    public record Result(int sessions, int sessionsDecided, long decisions, Map<String, String> failures,
                         boolean stopped, LocalDate resolvedThrough) {
    }

    private final QuorumRuntime runtime;
    private final MarketData market;
    private final PendingOutcomes pending;
    private final Optional<AgentLookahead> lookahead;

    public WalkForward(QuorumRuntime runtime) {
        this(runtime, Optional.empty());
    }

    /** @param lookahead asks the agents of the next sessions while one is decided (a pipelined LLM backtest) */
    WalkForward(QuorumRuntime runtime, Optional<AgentLookahead> lookahead) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.market = runtime.marketData();
        this.pending = runtime.pendingOutcomes();
        this.lookahead = Objects.requireNonNull(lookahead, "lookahead");
    }

    /** The trading sessions in [from, to]. */
    public List<LocalDate> sessions(LocalDate from, LocalDate to) {
        return sessions(market, from, to);
    }

    /** The trading sessions of {@code market} in [from, to]; refused when there is none. */
    static List<LocalDate> sessions(MarketData market, LocalDate from, LocalDate to) {
        List<LocalDate> sessions = market.calendar().sessions().stream()
                .filter(d -> !d.isBefore(from) && !d.isAfter(to)).toList();
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("the market data has no trading session between " + from + " and " + to);
        }
        return sessions;
    }

    /**
     * @param stop checked between tickers; when it turns true the run stops after the decision in flight
     */
    public Result run(BacktestSettings settings, Progress progress, BooleanSupplier stop) {
        if (settings.commitEvery() == 0) {
            return walk(settings, progress, stop, () -> { });
        }
        // Progress is committed whole sessions at a time (a stop commits the decisions made so far, as the unbatched
        // walk would have): a killed run loses at most the sessions since the last commit, and decides them again.
        try (QuorumDatabase.Batch batch = runtime.database().batch("backtest " + settings.from() + ".." + settings.to())) {
            int[] sinceCommit = {0};
            Result result = walk(settings, progress, stop, () -> {
                if (++sinceCommit[0] == settings.commitEvery()) {
                    batch.commit();
                    sinceCommit[0] = 0;
                }
            });
            batch.commit();
            return result;
        }
    }

    /** @param sessionDecided called after each session that decided something, before its progress line */
    private Result walk(BacktestSettings settings, Progress progress, BooleanSupplier stop, Runnable sessionDecided) {
        List<LocalDate> sessions = sessions(settings.from(), settings.to());
        progress.start(sessions.size());
        Map<String, String> failures = new LinkedHashMap<>();
        int done = 0;
        int skipped = 0;
        int decidedSessions = 0;
        long decisions = 0;
        int limit = settings.maxSessions().orElse(Integer.MAX_VALUE);
        for (LocalDate session : sessions) {
            if (stop.getAsBoolean() || decidedSessions >= limit) {
                return new Result(sessions.size(), decidedSessions, decisions, failures, true, session);
            }
            List<String> todo = todo(settings, session);
            if (todo.isEmpty()) {
                skipped++;
            } else {
                int index = done;
                lookahead.ifPresent(ahead -> ahead.before(sessions, index, day -> todo(settings, day)));
                CycleReport report = runtime.cycle().run(todo, session, stop);
                decisions += report.decided().size();
                report.failed().forEach((ticker, why) -> failures.put(ticker + " " + session, why));
                decidedSessions++;
                if (report.abandoned()) {
                    return new Result(sessions.size(), decidedSessions, decisions, failures, true, session);
                }
                sessionDecided.run();
            }
            done++;
            progress.session(done, skipped, decisions, session, done == sessions.size());
        }
        LocalDate through = resolveAfterTheEnd(settings.to());
        return new Result(sessions.size(), decidedSessions, decisions, failures, false, through);
    }

    /** The session's tickers not decided yet (a resumed run skips those it decided before it stopped). */
    private List<String> todo(BacktestSettings settings, LocalDate session) {
        List<String> todo = new ArrayList<>();
        for (String ticker : settings.tickers()) {
            if (!runtime.store().exists(ticker, session)) {
                todo.add(ticker);
            }
        }
        return todo;
    }

    /**
     * Resolves the last decisions with the sessions after {@code to}, so the final horizon can be scored. Only
     * evaluation benefits: every decision is already made.
     */
    private LocalDate resolveAfterTheEnd(LocalDate to) {
        List<LocalDate> after = market.calendar().sessions().stream().filter(d -> d.isAfter(to)).toList();
        int horizon = runtime.config().outcome().horizonSessions();
        LocalDate through = after.isEmpty() ? to : after.get(Math.min(horizon, after.size()) - 1);
        pending.resolve(market, through);
        return through;
    }
}
