package dev.quorum.orchestrator.backtest.metrics;

import dev.quorum.envelope.Verdict;
import dev.quorum.memory.outcomes.OutcomeRules;
import dev.quorum.memory.trust.TrustPolicies;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every figure of a backtest, computed from its resolved decisions.
 *
 * @param asRun       the verdicts the cycle actually issued (guard and review included)
 * @param ablation    the stored votes re-fused: equal weights, each trust policy replayed online, the meta-learner
 * @param agents      per agent: hit rate of its calls
 * @param calibration "ensemble" (the verdict's confidence) and each agent
 * @param benchmarks  buy-and-hold of the tickers (equal weight), of SPY and of each ticker, priced like the strategy
 * @param curves      equity after each session: the strategy ("strategy") and the benchmarks, by the same names
 */
public record BacktestMetrics(int horizonSessions, double epsilon, double costBps, long decisions, List<LocalDate> sessions,
                              VariantResult asRun, List<VariantResult> ablation, Map<String, HitRate> agents,
                              Map<String, Calibration> calibration, Map<String, ReturnStats> benchmarks,
                              Map<String, double[]> curves, double[] drawdown, MetaLearnerFit metaLearner) {

    public static final String STRATEGY = "strategy";
    public static final String EQUAL_WEIGHT_HOLD = "buy-and-hold (equal weight)";
    public static final String SPY = "SPY";

    /** The settings the cycle ran with that the re-fusing needs. */
    public record Settings(OutcomeRules rules, StrategyRules strategy, int quorum, double actThreshold) {
    }

    public static BacktestMetrics compute(List<ResolvedDecision> resolved, Settings settings) {
        List<ResolvedDecision> decisions = new ArrayList<>(resolved);
        decisions.sort(Comparator.comparing(ResolvedDecision::tradeDate).thenComparing(ResolvedDecision::ticker));
        List<LocalDate> sessions = SessionReturns.sessionsOf(decisions);
        StrategyRules strategy = settings.strategy();
        OutcomeRules rules = settings.rules();

        List<Verdict> asIssued = decisions.stream().map(ResolvedDecision::verdict).toList();
        SessionReturns asRunReturns = returns(decisions, asIssued, sessions, strategy);
        VariantResult asRun = variant("as run", decisions, asIssued, sessions, settings);

        Weightings weightings = new Weightings(settings.quorum(), settings.actThreshold(), rules);
        List<VariantResult> ablation = new ArrayList<>();
        ablation.add(variant("equal weights", decisions, weightings.equalWeights(decisions), sessions, settings));
        for (String policy : TrustPolicies.names()) {
            if (!policy.equals("equal")) {
                ablation.add(variant(policy, decisions, weightings.underPolicy(decisions, TrustPolicies.byName(policy)),
                        sessions, settings));
            }
        }
        ablation.add(variant("meta-learner", decisions, weightings.metaLearner(decisions), sessions, settings));

        Map<String, List<Calibration.Call>> calls = new LinkedHashMap<>();
        Map<String, long[]> agentHits = new LinkedHashMap<>();
        calls.put("ensemble", new ArrayList<>());
        for (ResolvedDecision d : decisions) {
            calls.get("ensemble").add(new Calibration.Call(d.confidence(),
                    rules.isCorrect(OutcomeRules.directionOf(d.verdict()), d.realizedReturn())));
            for (RecordedVote v : d.votes()) {
                boolean hit = rules.isCorrect(v.signal(), d.realizedReturn());
                calls.computeIfAbsent(v.agent(), k -> new ArrayList<>()).add(new Calibration.Call(v.confidence(), hit));
                long[] h = agentHits.computeIfAbsent(v.agent(), k -> new long[2]);
                h[0] += hit ? 1 : 0;
                h[1]++;
            }
        }
        Map<String, HitRate> agents = new LinkedHashMap<>();
        agentHits.forEach((agent, h) -> agents.put(agent, HitRate.of(h[0], h[1])));
        Map<String, Calibration> calibration = new LinkedHashMap<>();
        calls.forEach((name, list) -> calibration.put(name, Calibration.of(list)));

        Map<String, SessionReturns> benchmarkSeries = new LinkedHashMap<>();
        int h = strategy.horizonSessions();
        benchmarkSeries.put(EQUAL_WEIGHT_HOLD, SessionReturns.of(decisions, sessions, h, ResolvedDecision::realizedReturn));
        benchmarkSeries.put(SPY, SessionReturns.of(decisions.stream().filter(d -> d.benchmarkReturn() != null).toList(),
                sessions, h, ResolvedDecision::benchmarkReturn));
        for (String ticker : new TreeSet<>(decisions.stream().map(ResolvedDecision::ticker).toList())) {
            benchmarkSeries.put(ticker, SessionReturns.of(decisions.stream().filter(d -> d.ticker().equals(ticker)).toList(),
                    sessions, h, ResolvedDecision::realizedReturn));
        }
        Map<String, ReturnStats> benchmarks = new LinkedHashMap<>();
        Map<String, double[]> curves = new LinkedHashMap<>();
        curves.put(STRATEGY, asRunReturns.equity());
        benchmarkSeries.forEach((name, series) -> {
            benchmarks.put(name, series.stats());
            curves.put(name, series.equity());
        });
        return new BacktestMetrics(h, rules.epsilon(), strategy.costBps(), decisions.size(), sessions, asRun, ablation,
                agents, calibration, benchmarks, curves, asRunReturns.drawdown(), MetaLearnerFit.of(decisions));
    }

    private static SessionReturns returns(List<ResolvedDecision> decisions, List<Verdict> verdicts, List<LocalDate> sessions,
                                          StrategyRules strategy) {
        Map<ResolvedDecision, Verdict> byDecision = new java.util.IdentityHashMap<>();
        for (int i = 0; i < decisions.size(); i++) {
            byDecision.put(decisions.get(i), verdicts.get(i));
        }
        return SessionReturns.of(decisions, sessions, strategy.horizonSessions(),
                d -> strategy.pnl(byDecision.get(d), d.realizedReturn()));
    }

    private static VariantResult variant(String name, List<ResolvedDecision> decisions, List<Verdict> verdicts,
                                         List<LocalDate> sessions, Settings settings) {
        StrategyRules strategy = settings.strategy();
        long[] counts = new long[3];
        long hits = 0;
        List<Double> pnl = new ArrayList<>();
        Map<String, Integer> lastPosition = new LinkedHashMap<>();
        double positionChanges = 0.0;
        long transitions = 0;
        for (int i = 0; i < decisions.size(); i++) {
            ResolvedDecision d = decisions.get(i);
            Verdict v = verdicts.get(i);
            counts[v.ordinal()]++;
            if (settings.rules().isCorrect(OutcomeRules.directionOf(v), d.realizedReturn())) {
                hits++;
            }
            int position = StrategyRules.position(v);
            if (position != 0) {
                pnl.add(strategy.pnl(v, d.realizedReturn()));
            }
            Integer before = lastPosition.put(d.ticker(), position);
            if (before != null) {
                positionChanges += Math.abs(position - before);
                transitions++;
            }
        }
        double turnover = transitions == 0 ? 0.0 : positionChanges / transitions;
        return new VariantResult(name, counts[Verdict.BUY.ordinal()], counts[Verdict.HOLD.ordinal()],
                counts[Verdict.SELL.ordinal()], HitRate.of(hits, decisions.size()), TradeStats.of(pnl, turnover),
                returns(decisions, verdicts, sessions, strategy).stats());
    }
}
