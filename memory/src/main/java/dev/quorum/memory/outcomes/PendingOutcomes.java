package dev.quorum.memory.outcomes;

import dev.quorum.agents.market.MarketData;
import dev.quorum.agents.market.MarketDataException;
import dev.quorum.agents.market.PriceBar;
import dev.quorum.memory.store.DecisionStore;
import dev.quorum.memory.store.DecisionSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The automatic feedback loop: resolves, from market data, every current decision whose exit session has closed
 * by {@code asOf}, oldest trade date first (the order the weights learn in). Only bars dated on or before
 * {@code asOf} are used, so a replay over history learns nothing before it could have.
 */
public final class PendingOutcomes {

    private static final Logger LOG = LoggerFactory.getLogger(PendingOutcomes.class);

    private final DecisionStore decisions;
    private final OutcomeRecorder recorder;
    private final MarketOutcomeResolver resolver;

    public PendingOutcomes(DecisionStore decisions, OutcomeRecorder recorder) {
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.resolver = new MarketOutcomeResolver(recorder.rules());
    }

    /**
     * @return the outcomes recorded now; decisions whose exit bar is not there yet stay pending, and a decision whose
     *         ticker has no prices is skipped with a warning (it stays pending too)
     */
    public List<ResolvedOutcome> resolve(MarketData market, LocalDate asOf) {
        String benchmark = recorder.rules().benchmark();
        List<PriceBar> benchmarkBars = upTo(market.dailyBars(benchmark), asOf);
        List<ResolvedOutcome> resolved = new ArrayList<>();
        for (DecisionSummary decision : decisions.unresolved(asOf.minusDays(1))) {
            List<PriceBar> bars;
            try {
                bars = upTo(market.dailyBars(decision.ticker()), asOf);
            } catch (MarketDataException e) {
                LOG.warn("decision {} ({} {}) stays unresolved: {}", decision.correlationId(), decision.ticker(),
                        decision.tradeDate(), e.getMessage());
                continue;
            }
            resolver.resolve(decision.tradeDate(), bars, benchmarkBars).ifPresent(outcome -> resolved.add(
                    recorder.record(decision.correlationId(), Observation.of(outcome, recorder.rules().horizonSessions()))));
        }
        return resolved;
    }

    /** The bars dated on or before {@code asOf}: what was known at that day's close. */
    private static List<PriceBar> upTo(List<PriceBar> bars, LocalDate asOf) {
        int end = bars.size();
        while (end > 0 && bars.get(end - 1).date().isAfter(asOf)) {
            end--;
        }
        return bars.subList(0, end);
    }
}
