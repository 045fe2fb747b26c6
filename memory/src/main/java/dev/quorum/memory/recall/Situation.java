package dev.quorum.memory.recall;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A (ticker, trade date) as the panel saw it: the features known at the trade date's close (the keys of
 * {@code AgentInput.features}, regime included) and the agents' calls (empty before the agents have run).
 */
public record Situation(String ticker, LocalDate tradeDate, Map<String, Object> features, List<AgentCall> calls) {

    public Situation {
        Objects.requireNonNull(ticker, "ticker");
        if (ticker.isBlank()) {
            throw new IllegalArgumentException("situation ticker is blank");
        }
        Objects.requireNonNull(tradeDate, "tradeDate");
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features == null ? Map.of() : features));
        calls = List.copyOf(calls == null ? List.of() : calls);
    }

    /** Only ticker and date: what the CLI knows. */
    public static Situation of(String ticker, LocalDate tradeDate) {
        return new Situation(ticker, tradeDate, Map.of(), List.of());
    }
}
