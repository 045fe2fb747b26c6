package dev.quorum.orchestrator.backtest;

import dev.quorum.agents.market.MarketData;
import dev.quorum.agents.market.PriceBar;
import dev.quorum.memory.outcomes.OutcomeRules;
import dev.quorum.orchestrator.backtest.metrics.DailyPrices;
import dev.quorum.orchestrator.backtest.metrics.BacktestMetrics;
import dev.quorum.orchestrator.backtest.metrics.ResolvedDecision;
import dev.quorum.orchestrator.backtest.metrics.StrategyRules;
import dev.quorum.orchestrator.backtest.report.RunInfo;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.cycle.PrefetchedAgents;
import dev.quorum.orchestrator.llm.ModelChains;
import dev.quorum.orchestrator.review.RiskReview;
import dev.quorum.orchestrator.synthesis.EnsembleGuard;
import dev.quorum.agents.prompts.PromptMode;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;

import dev.quorum.orchestrator.backtest.replay.SqliteResponseCache;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One backtest invocation: opens the production runtime on the backtest's database (publishing only to the outbox,
 * or to a JSON-lines file, never to Redis), walks forward, and computes the figures from what was stored.
 */
public final class Backtest {

    /** Where the envelopes go. */
    public enum Publish {
        /** They stay in the backtest database's outbox. */
        NONE,
        /** Drained at the end to {@code envelopes.jsonl} in the state directory. */
        FILE
    }

    /**
     * The run, its figures, and the path of the trust weights.
     *
     * @param askedAhead how many decisions took their agents' answers asked ahead (a pipelined walk), how many asked again
     */
    public record Outcome(WalkForward.Result walk, RunInfo info, BacktestMetrics metrics, List<WeightPoint> weights,
                          PrefetchedAgents.Stats askedAhead) {
    }

    private Backtest() {
    }

    /** The daily prices the book is marked with: the tickers and the benchmark, on the market's calendar. */
    static DailyPrices prices(MarketData market, List<String> tickers, String benchmark) {
        Map<String, List<PriceBar>> bars = new LinkedHashMap<>();
        for (String ticker : tickers) {
            bars.put(ticker, market.dailyBars(ticker));
        }
        if (market.tickers().contains(benchmark)) {
            bars.put(benchmark, market.dailyBars(benchmark));
        }
        return new DailyPrices(market.calendar().sessions(), bars);
    }

    /**
     * @param costBps     cost per side in basis points of the traded notional
     * @param slippageBps slippage per side in basis points, added to the cost
     * @param llmCache the LLM reply cache file: replies found there are not asked again, new ones are stored
     */
    public static Outcome run(QuorumConfig config, BacktestSettings settings, BacktestConfig.Backend backend,
                              double costBps, double slippageBps, Publish publish, Path llmCache, Progress progress, BooleanSupplier stop) {
        return run(config, settings, backend, costBps, slippageBps, publish, llmCache, PromptMode.LIVE, progress, stop);
    }

    /**
     * @param promptMode how LLM prompts name the stock and the day; the reply cache keys on the prompt text, so
     *                   anonymised and live replies never answer for each other
     */
    public static Outcome run(QuorumConfig config, BacktestSettings settings, BacktestConfig.Backend backend,
                              double costBps, double slippageBps, Publish publish, Path llmCache, PromptMode promptMode,
                              Progress progress, BooleanSupplier stop) {
        return run(config, settings, backend, costBps, slippageBps, publish, llmCache, promptMode,
                backend == BacktestConfig.Backend.OLLAMA, progress, stop);
    }

    /**
     * @param pipelined whether the agents of the next sessions are asked while one is decided ({@link AgentLookahead}:
     *                  the same decisions, the model kept busy); the session's tickers are then decided at once
     *                  ({@code parallel_tickers} raised to their number, at most the endpoints' slots), as none of
     *                  their decisions changes what the others read. Only LLM agents gain from it: the default for
     *                  the ollama backend
     */
    public static Outcome run(QuorumConfig config, BacktestSettings settings, BacktestConfig.Backend backend,
                              double costBps, double slippageBps, Publish publish, Path llmCache, PromptMode promptMode,
                              boolean pipelined, Progress progress, BooleanSupplier stop) {
        // As many of a session's tickers at once as the endpoints take calls: more would only queue their synthesis calls
        // in the endpoint bulkhead, where a long wait ends in the rules' fallback.
        int atOnce = Math.min(settings.tickers().size(), ModelChains.slots(config.ollama()));
        QuorumConfig walked = pipelined ? config.withParallelTickers(Math.min(64, Math.max(config.parallelTickers(), atOnce))) : config;
        // A run refused after its start would leave its database, lock and state directory behind, or mix into a
        // database that is not its own: every such refusal is made before anything is created.
        Map<String, String> run = BacktestRun.refuseBeforeStart(config, settings,
                BacktestRun.settingsOf(config, settings, backend, promptMode));
        try (SqliteResponseCache cache = SqliteResponseCache.open(llmCache);
             QuorumRuntime runtime = QuorumRuntime.open(walked, PublishTarget.FILE, cache, promptMode);
             AgentLookahead lookahead = new AgentLookahead(runtime.cycle(), promptMode == PromptMode.LIVE,
                     config.outcome().horizonSessions(), ModelChains.panelsAhead(config.ollama(), config.agents().size()),
                     runtime::resolveOutcomes)) {
            // Once this process is the file's one writer (the runtime holds its lock).
            BacktestRun.record(settings, run);
            long started = System.nanoTime();
            WalkForward.Result walk = new WalkForward(runtime, pipelined ? Optional.of(lookahead) : Optional.empty())
                    .run(settings, progress, stop);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (!walk.stopped()) {
                BacktestRun.recordFinished(settings, settings.to(), walk.resolvedThrough());
            }
            if (publish == Publish.FILE) {
                runtime.publisher().drain();
            }
            BacktestLedger ledger = new BacktestLedger(runtime.database());
            List<ResolvedDecision> resolved = ledger.resolved(settings.tickers(), settings.from(), settings.to());
            OutcomeRules rules = new OutcomeRules(config.outcome().horizonSessions(), config.outcome().epsilon(),
                    OutcomeRules.defaults().benchmark());
            BacktestMetrics metrics = BacktestMetrics.compute(resolved, new BacktestMetrics.Settings(rules,
                    new StrategyRules(rules.horizonSessions(), costBps, slippageBps), config.consensus().quorum(),
                    config.synthesis().actThreshold(), config.trust().policy().configName(),
                    new EnsembleGuard(config.consensus().guardThreshold()),
                    RiskReview.of(config.review()), config.consensus().pooling()), prices(runtime.marketData(), settings.tickers(), rules.benchmark()));
            RunInfo info = new RunInfo(settings.tickers(), settings.from(), settings.to(),
                    backend.name().toLowerCase(java.util.Locale.ROOT), config.trust().policy().configName(),
                    ledger.decisionCount(settings.tickers(), settings.from(), settings.to()), resolved.size(),
                    walk.decisions() == 0 ? null : walk.decisions() / seconds, cache.stats());
            return new Outcome(walk, info, metrics, ledger.weightPath(), runtime.cycle().askedAhead());
        }
    }
}
