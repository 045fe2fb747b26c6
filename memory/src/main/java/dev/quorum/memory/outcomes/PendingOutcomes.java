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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
    // The last price list of each ticker found in ascending order (the market data's cached list: a reload replaces it).
    private final Map<String, List<PriceBar>> checked = new ConcurrentHashMap<>();
    // Every decision with a smaller id is resolved or superseded (DecisionStore#unresolvedFrom): the next look starts there.
    private final AtomicLong resolvedBelow = new AtomicLong();

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
        List<PriceBar> benchmarkAll = market.dailyBars(benchmark);
        List<PriceBar> benchmarkBars = upTo(benchmarkAll, asOf);
        List<ResolvedOutcome> resolved = new ArrayList<>();
        long from = resolvedBelow.get();
        OutcomeRecorder.Pass pass = recorder.pass();
        for (DecisionSummary decision : decisions.unresolved(asOf.minusDays(1), from)) {
            List<PriceBar> all;
            try {
                all = market.dailyBars(decision.ticker());
            } catch (MarketDataException e) {
                LOG.warn("decision {} ({} {}) stays unresolved: {}", decision.correlationId(), decision.ticker(),
                        decision.tradeDate(), e.getMessage());
                continue;
            }
            Optional<MarketOutcome> outcome = ascending(decision.ticker(), all) && ascending(benchmark, benchmarkAll)
                    ? resolver.resolveAscending(decision.tradeDate(), all.subList(0, PriceBar.firstAfter(all, asOf)), benchmarkBars)
                    : resolver.resolve(decision.tradeDate(), upTo(all, asOf), benchmarkBars);
            outcome.ifPresent(o -> resolved.add(
                    pass.record(decision.correlationId(), Observation.of(o, recorder.rules().horizonSessions()))));
        }
        resolvedBelow.accumulateAndGet(decisions.unresolvedFrom(from), Math::max);
        return resolved;
    }

    /**
     * Whether {@code bars} (a ticker's whole price list) is in ascending date order, checked once per list the market
     * data hands out rather than once per decision; then every prefix of it is too. A list out of order goes through
     * the resolver's own check, which says where.
     */
    private boolean ascending(String ticker, List<PriceBar> bars) {
        if (checked.get(ticker) == bars) {
            return true;
        }
        for (int i = 1; i < bars.size(); i++) {
            if (!bars.get(i).date().isAfter(bars.get(i - 1).date())) {
                return false;
            }
        }
        checked.put(ticker, bars);
        return true;
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
