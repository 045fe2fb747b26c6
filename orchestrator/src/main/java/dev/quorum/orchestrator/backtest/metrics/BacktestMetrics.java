package dev.quorum.orchestrator.backtest.metrics;

import dev.quorum.envelope.Verdict;
import dev.quorum.memory.outcomes.OutcomeRules;
import dev.quorum.memory.trust.TrustPolicies;
import dev.quorum.orchestrator.review.RiskReview;
import dev.quorum.orchestrator.synthesis.EnsembleGuard;
import dev.quorum.orchestrator.consensus.Pooling;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Every figure of a backtest, computed from its resolved decisions and the daily prices.
 *
 * @param epsilon     the outcome tolerance: used only where the service's learning uses it (the trust policies
 *                    replayed in the ablation score calls with it, the meta-learner row acts beyond it), never for
 *                    the accuracy figures
 * @param asRun       the verdicts the cycle actually issued (guard and review included)
 * @param ablation    the stored votes re-fused: equal weights, each trust policy replayed online, the run's policy
 *                    with the guard and the review re-applied on and off, the meta-learner
 * @param baseline    the row the weightings' return differences are measured against (the as-run row and the
 *                    guard/review rows are measured against the run's policy replayed without them)
 * @param agents      per agent: directional accuracy of its BULLISH and BEARISH calls
 * @param calibration "ensemble" (the verdict's confidence, BUY and SELL) and each agent (BULLISH and BEARISH votes):
 *                    confidence against getting the sign right
 * @param benchmarks  buy and hold of SPY, of the tickers (equal weight) and of each ticker, on the strategy's sessions
 * @param sessions    the sessions of the daily book (marked at each close)
 * @param curves      equity after each session: the strategy ("strategy") and the benchmarks, by the same names
 * @param bootstrap   how the intervals were drawn
 * @param performance seed 002's PerformanceAnalyzer over the as-run verdicts: streaks, largest win and loss,
 *                    per-symbol and per-regime tables
 */
public record BacktestMetrics(int horizonSessions, double epsilon, double costBps, double slippageBps, long decisions,
                              List<LocalDate> sessions, VariantResult asRun, List<VariantResult> ablation, String baseline,
                              Map<String, Directional> agents, Map<String, Calibration> calibration,
                              Map<String, ReturnStats> benchmarks, Map<String, double[]> curves, double[] drawdown,
                              MetaLearnerFit metaLearner, BlockBootstrap bootstrap, PerformanceAnalysis performance) {

    public static final String STRATEGY = "strategy";
    public static final String EQUAL_WEIGHT_HOLD = "buy-and-hold (equal weight)";
    public static final String SPY = "SPY";
    public static final String EQUAL_WEIGHTS = "equal weights";
    public static final String ENSEMBLE = "ensemble";
    /** What the as-run row's weighting adds to its policy: the meta-learner's veto, applied by the cycle as gated. */
    public static final String AS_RUN_VETO = " +veto";

    /**
     * The settings the cycle ran with that the re-fusing needs.
     *
     * @param policy the trust policy the cycle ran with (the as-run row's weighting)
     * @param guard  the cycle's ensemble guard, re-applied in the ablation
     * @param review the cycle's risk review, re-applied in the ablation
     * @param pooling the cycle's pooling, replayed with each policy
     */
    public record Settings(OutcomeRules rules, StrategyRules strategy, int quorum, double actThreshold, String policy,
                           EnsembleGuard guard, RiskReview review, Pooling pooling) {
    }

    /** One row before its difference to its baseline is known. */
    private record Row(String name, String weighting, boolean guard, boolean review, List<Verdict> verdicts, String baseline) {
    }

    public static BacktestMetrics compute(List<ResolvedDecision> resolved, Settings settings, DailyPrices prices) {
        List<ResolvedDecision> decisions = new ArrayList<>(resolved);
        decisions.sort(Comparator.comparing(ResolvedDecision::tradeDate).thenComparing(ResolvedDecision::ticker));
        StrategyRules strategy = settings.strategy();
        OutcomeRules rules = settings.rules();
        int[] window = strategy.window(prices, decisions);

        Weightings weightings = new Weightings(settings.quorum(), settings.actThreshold(), rules, settings.guard(),
                settings.review(), settings.pooling());
        String runPolicy = settings.policy();
        List<Row> rows = new ArrayList<>();
        // The cycle's verdicts also went through the meta-learner's veto (when its gate opened), which no replay
        // re-applies: without "+veto" the row would read like the "+guard +review" replay, whose figures differ.
        rows.add(new Row("as run", runPolicy + AS_RUN_VETO, true, true, decisions.stream().map(ResolvedDecision::verdict).toList(),
                runPolicy.equals("equal") ? EQUAL_WEIGHTS : runPolicy));
        // Each replay re-fuses every stored vote (a second or so per policy over 40,000 decisions); they share nothing
        // mutable (the policies and the consensus are stateless, each replay keeps its own weights), so they run side
        // by side, and the rows keep this order.
        List<Supplier<Row>> replays = new ArrayList<>();
        replays.add(() -> new Row(EQUAL_WEIGHTS, "equal", false, false, weightings.equalWeights(decisions), null));
        for (String policy : TrustPolicies.names()) {
            if (!policy.equals("equal")) {
                replays.add(() -> new Row(policy, policy, false, false,
                        weightings.underPolicy(decisions, TrustPolicies.byName(policy)), EQUAL_WEIGHTS));
            }
        }
        // The run's policy with the cycle's checks after the synthesis replayed on and off, measured against the
        // same policy without them. (The meta-learner never changes a verdict in the cycle: its row trades its
        // prediction alone.)
        if (TrustPolicies.names().contains(runPolicy)) {
            String plain = runPolicy.equals("equal") ? EQUAL_WEIGHTS : runPolicy;
            for (Weightings.Stages stages : List.of(new Weightings.Stages(true, false), new Weightings.Stages(false, true),
                    new Weightings.Stages(true, true))) {
                replays.add(() -> new Row(plain + (stages.guard() ? " +guard" : "") + (stages.review() ? " +review" : ""),
                        runPolicy, stages.guard(), stages.review(),
                        weightings.underPolicy(decisions, TrustPolicies.byName(runPolicy), stages), plain));
            }
        }
        rows.addAll(replays.parallelStream().map(Supplier::get).toList());
        rows.add(new Row("meta-learner", "meta-learner prediction", false, false, weightings.metaLearner(decisions), EQUAL_WEIGHTS));

        Map<String, DailyBook> books = new LinkedHashMap<>();
        rows.forEach(row -> books.put(row.name(), book(decisions, row.verdicts(), prices, window, strategy)));
        BlockBootstrap bootstrap = BlockBootstrap.forHorizon(strategy.horizonSessions(), books.get(EQUAL_WEIGHTS).returns().length);
        List<VariantResult> results = new ArrayList<>();
        for (Row row : rows) {
            DailyBook book = books.get(row.name());
            DailyBook base = row.baseline() == null ? null : books.get(row.baseline());
            results.add(new VariantResult(row.name(), row.weighting(), row.guard(), row.review(),
                    directional(decisions, row.verdicts()), book.stats(), book.meanExposure(), book.annualTurnover(),
                    base == null ? null : bootstrap.annualReturnDifference(row.baseline(), book.returns(), base.returns())));
        }

        Map<String, List<Calibration.Call>> calls = new LinkedHashMap<>();
        Map<String, List<Directional.Call>> agentCalls = new LinkedHashMap<>();
        calls.put(ENSEMBLE, new ArrayList<>());
        for (ResolvedDecision d : decisions) {
            int position = StrategyRules.position(d.verdict());
            if (position != 0) {
                calls.get(ENSEMBLE).add(new Calibration.Call(d.confidence(), Directional.right(position, d.realizedReturn())));
            }
            for (RecordedVote v : d.votes()) {
                int sign = v.signal().sign();
                agentCalls.computeIfAbsent(v.agent(), k -> new ArrayList<>()).add(new Directional.Call(sign, d.realizedReturn()));
                List<Calibration.Call> agent = calls.computeIfAbsent(v.agent(), k -> new ArrayList<>());
                if (sign != 0) {
                    agent.add(new Calibration.Call(v.confidence(), Directional.right(sign, d.realizedReturn())));
                }
            }
        }
        Map<String, Directional> agents = new LinkedHashMap<>();
        agentCalls.forEach((agent, list) -> agents.put(agent, Directional.of(list)));
        Map<String, Calibration> calibration = new LinkedHashMap<>();
        calls.forEach((name, list) -> calibration.put(name, Calibration.of(list)));

        List<String> tickers = new ArrayList<>(new TreeSet<>(decisions.stream().map(ResolvedDecision::ticker).toList()));
        Map<String, DailyBook> benchmarkBooks = new LinkedHashMap<>();
        if (prices.has(SPY)) {
            benchmarkBooks.put(SPY, hold(Map.of(SPY, 1.0), prices, window, strategy));
        }
        Map<String, Double> equal = new LinkedHashMap<>();
        tickers.forEach(t -> equal.put(t, 1.0 / tickers.size()));
        benchmarkBooks.put(EQUAL_WEIGHT_HOLD, hold(equal, prices, window, strategy));
        tickers.forEach(t -> benchmarkBooks.put(t, hold(Map.of(t, 1.0), prices, window, strategy)));
        Map<String, ReturnStats> benchmarks = new LinkedHashMap<>();
        Map<String, double[]> curves = new LinkedHashMap<>();
        DailyBook asRun = books.get("as run");
        curves.put(STRATEGY, asRun.equity());
        benchmarkBooks.forEach((name, book) -> {
            benchmarks.put(name, book.stats());
            curves.put(name, book.equity());
        });
        return new BacktestMetrics(strategy.horizonSessions(), rules.epsilon(), strategy.costBps(), strategy.slippageBps(),
                decisions.size(), asRun.sessions(), results.get(0), results.subList(1, results.size()), EQUAL_WEIGHTS,
                agents, calibration, benchmarks, curves, asRun.drawdown(), MetaLearnerFit.of(decisions), bootstrap,
                PerformanceAnalysis.of(decisions));
    }

    /** BUY/SELL accuracy of verdicts on the sign of each decision's realised return. */
    static Directional directional(List<ResolvedDecision> decisions, List<Verdict> verdicts) {
        List<Directional.Call> calls = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            calls.add(new Directional.Call(StrategyRules.position(verdicts.get(i)), decisions.get(i).realizedReturn()));
        }
        return Directional.of(calls);
    }

    private static DailyBook book(List<ResolvedDecision> decisions, List<Verdict> verdicts, DailyPrices prices, int[] window,
                                  StrategyRules strategy) {
        return window == null ? empty() : strategy.trade(decisions, verdicts, prices, window);
    }

    private static DailyBook hold(Map<String, Double> weights, DailyPrices prices, int[] window, StrategyRules strategy) {
        return window == null ? empty() : strategy.hold(weights, prices, window);
    }

    private static DailyBook empty() {
        return new DailyBook(List.of(), new double[0], new double[0], new double[0]);
    }
}
