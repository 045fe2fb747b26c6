package dev.quorum.orchestrator.backtest;

import dev.quorum.agents.Agent;
import dev.quorum.agents.AgentInput;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.market.MarketData;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.SignalBackend;
import dev.quorum.agents.signal.SignalTelemetry;
import dev.quorum.envelope.Direction;
import dev.quorum.memory.outcomes.MarketOutcome;
import dev.quorum.memory.outcomes.MarketOutcomeResolver;
import dev.quorum.memory.outcomes.OutcomeRules;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A test-only agent of known skill: it peeks at the realised return of the decision (the very return the outcome
 * resolver will score it on: next open to the close {@code horizon} sessions later) and calls its sign with the
 * configured accuracy, the opposite sign otherwise. Its stated confidence is drawn from {@code confidences}; with a
 * {@code slope} its accuracy at confidence c is {@code accuracy + slope x (c - mean confidence)}, so its confidence
 * means something. The coins are seeded by (seed, agent, ticker, date), so a run is deterministic whatever the order
 * or parallelism of decisions. Nothing in the runtime can see the peek: it only sees the vote, as from any agent.
 */
final class PlantedSkillAgent implements Agent {

    private static final SignalTelemetry TELEMETRY = new SignalTelemetry(SignalBackend.RULES, "", "", 0, List.of(), Duration.ZERO, 0, 0,
            "planted", "");

    private final String name;
    private final double accuracy;
    private final double slope;
    private final double[] confidences;
    private final long seed;
    private final MarketData future;
    private final MarketOutcomeResolver resolver;

    /**
     * @param future the whole market data, future included (the agent's oracle)
     */
    PlantedSkillAgent(String name, double accuracy, double slope, double[] confidences, long seed, MarketData future,
                      OutcomeRules rules) {
        this.name = name;
        this.accuracy = accuracy;
        this.slope = slope;
        this.confidences = confidences.clone();
        this.seed = seed;
        this.future = future;
        this.resolver = new MarketOutcomeResolver(rules);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String domain() {
        return "planted-skill";
    }

    @Override
    public AgentOutcome assess(AgentInput input, DecisionBudget budget) {
        Optional<MarketOutcome> outcome = resolver.resolve(input.tradeDate(), future.dailyBars(input.ticker()),
                future.dailyBars(OutcomeRules.defaults().benchmark()));
        boolean up = outcome.map(o -> o.ticker().totalReturn() > 0).orElse(true);
        long key = seed * 1_000_003L + (name + "|" + input.ticker() + "|" + input.tradeDate()).hashCode();
        SplittableRandom coins = new SplittableRandom(key);
        double confidence = confidences[coins.nextInt(confidences.length)];
        double mean = java.util.Arrays.stream(confidences).average().orElseThrow();
        boolean right = coins.nextDouble() < accuracy + slope * (confidence - mean);
        Direction call = up == right ? Direction.BULLISH : Direction.BEARISH;
        return new AgentSignal(name, domain(), call, confidence, "planted call", List.of("planted accuracy " + accuracy), TELEMETRY);
    }
}
