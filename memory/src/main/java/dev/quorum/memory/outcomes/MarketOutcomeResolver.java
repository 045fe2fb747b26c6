package dev.quorum.memory.outcomes;

import dev.quorum.agents.market.PriceBar;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Prices the outcome of a decision made on trade date D from daily bars; a pure function. Entry at the open of
 * the first session after D, exit at the close of the H-th session after D. The return includes dividends: the
 * entry open is scaled by the entry session's dividend adjustment ({@code adjClose / close}) and compared with the
 * exit's dividend-adjusted close.
 */
public final class MarketOutcomeResolver {

    private final OutcomeRules rules;

    public MarketOutcomeResolver(OutcomeRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /**
     * @param tickerBars    the ticker's bars, ascending by date
     * @param benchmarkBars the benchmark's bars, ascending by date
     * @return empty while the exit session's bar does not exist yet (the decision is not resolvable)
     * @throws IllegalArgumentException when bars are out of order, or the benchmark lacks a session the ticker has
     */
    public Optional<MarketOutcome> resolve(LocalDate tradeDate, List<PriceBar> tickerBars, List<PriceBar> benchmarkBars) {
        requireAscending(tickerBars, "ticker");
        if (move(tradeDate, tickerBars).isEmpty()) {
            return Optional.empty();
        }
        requireAscending(benchmarkBars, rules.benchmark());
        return resolveAscending(tradeDate, tickerBars, benchmarkBars);
    }

    /**
     * {@link #resolve} for bars the caller has found in ascending order (once per price list, not once per decision:
     * {@link PendingOutcomes} resolves a hundred decisions a session from the same lists).
     */
    Optional<MarketOutcome> resolveAscending(LocalDate tradeDate, List<PriceBar> tickerBars, List<PriceBar> benchmarkBars) {
        Optional<PriceMove> ticker = move(tradeDate, tickerBars);
        if (ticker.isEmpty()) {
            return Optional.empty();
        }
        PriceBar benchmarkEntry = barOn(benchmarkBars, ticker.get().entryDate());
        PriceBar benchmarkExit = barOn(benchmarkBars, ticker.get().exitDate());
        return Optional.of(new MarketOutcome(ticker.get(), priced(benchmarkEntry, benchmarkExit)));
    }

    private Optional<PriceMove> move(LocalDate tradeDate, List<PriceBar> bars) {
        int entry = PriceBar.firstAfter(bars, tradeDate);
        int exit = entry + rules.horizonSessions() - 1;
        if (entry >= bars.size() || exit >= bars.size()) {
            return Optional.empty();
        }
        return Optional.of(priced(bars.get(entry), bars.get(exit)));
    }

    private static PriceMove priced(PriceBar entry, PriceBar exit) {
        double adjustedEntry = entry.open() * (entry.adjClose() / entry.close());
        return new PriceMove(entry.date(), entry.open(), exit.date(), exit.close(), exit.adjClose() / adjustedEntry - 1.0);
    }

    private PriceBar barOn(List<PriceBar> bars, LocalDate date) {
        int index = PriceBar.firstAfter(bars, date.minusDays(1));
        if (index >= bars.size() || !bars.get(index).date().equals(date)) {
            throw new IllegalArgumentException("benchmark " + rules.benchmark() + " has no bar on " + date
                    + " although the ticker has one: the price files disagree on the trading calendar");
        }
        return bars.get(index);
    }

    static void requireAscending(List<PriceBar> bars, String which) {
        for (int i = 1; i < bars.size(); i++) {
            if (!bars.get(i).date().isAfter(bars.get(i - 1).date())) {
                throw new IllegalArgumentException(which + " bars are not in ascending date order at " + bars.get(i).date());
            }
        }
    }
}
