package dev.quorum.orchestrator.cycle;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cycle over the watchlist.
 *
 * @param decided   the tickers decided (stored, queued for publishing), in watchlist order
 * @param failed    ticker to why it could not be decided (no data for the date, store refused...), in the order
 *                  the tickers failed (watchlist order when one ticker is decided at a time)
 * @param alreadyDecided ticker to the correlation id of its existing decision for the date, left as it was
 *                  (re-deciding is off), in watchlist order
 * @param abandoned whether the cycle was stopped (shutdown) before every ticker was tried
 */
public record CycleReport(LocalDate tradeDate, Instant startedAt, Instant finishedAt, List<TickerDecision> decided,
                          Map<String, String> failed, Map<String, String> alreadyDecided, boolean abandoned) {

    public CycleReport {
        decided = List.copyOf(decided);
        // Ordered copies: Map.copyOf iterates in no fixed order, and tables and the API list these as given.
        failed = Collections.unmodifiableMap(new LinkedHashMap<>(failed));
        alreadyDecided = Collections.unmodifiableMap(new LinkedHashMap<>(alreadyDecided));
    }

    /**
     * Whether every ticker of the watchlist has its decision (made now, or already made before); a provisional
     * decision counts (see {@link #provisional()}).
     */
    public boolean complete() {
        return failed.isEmpty() && !abandoned;
    }

    /**
     * The tickers whose decision is provisional (degraded by infrastructure), in watchlist order: decided and
     * published, but to be decided again once the models answer.
     */
    public List<String> provisional() {
        return decided.stream().filter(TickerDecision::provisional).map(TickerDecision::ticker).toList();
    }

    public Duration elapsed() {
        return Duration.between(startedAt, finishedAt);
    }
}
