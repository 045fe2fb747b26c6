package dev.quorum.agents;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one agent sees for one (ticker, trade date). It is also what the memory stores as
 * "the exact inputs the agent saw", so that a decision can be replayed with another prompt.
 *
 * @param features           feature name to value (Double, Long, or String), in a stable order; the names are
 *                           the constants of {@code dev.quorum.agents.features.FeatureKeys}. Everything in it
 *                           was known at {@code tradeDate}'s close.
 * @param headlines          news text for the recent sessions, oldest first, untrusted data: prompts must keep it
 *                           inside a delimited data block
 * @param similarSituations  the "similar past situations" block from memory recall; empty when there is none
 */
public record AgentInput(String ticker, LocalDate tradeDate, Map<String, Object> features,
                         List<String> headlines, String similarSituations) {

    public AgentInput {
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(tradeDate, "tradeDate");
        features = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(features, "features")));
        headlines = List.copyOf(headlines == null ? List.of() : headlines);
        similarSituations = similarSituations == null ? "" : similarSituations;
    }
}
