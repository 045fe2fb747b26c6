package dev.quorum.memory.recall;

import dev.quorum.agents.AgentInput;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;

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

    /** The situation before the agents run: what a recall for a new decision is asked with. */
    public static Situation beforeVotes(AgentInput input) {
        return new Situation(input.ticker(), input.tradeDate(), input.features(), List.of());
    }

    /** The situation with the panel's votes, as it is indexed once the decision's outcome resolves. Abstentions are left out. */
    public static Situation withVotes(AgentInput input, List<? extends AgentOutcome> outcomes) {
        List<AgentCall> calls = outcomes.stream()
                .filter(AgentSignal.class::isInstance).map(AgentSignal.class::cast)
                .map(s -> new AgentCall(s.agent(), s.signal(), s.confidence()))
                .toList();
        return new Situation(input.ticker(), input.tradeDate(), input.features(), calls);
    }

    /** Only ticker and date, when no features are at hand. */
    public static Situation of(String ticker, LocalDate tradeDate) {
        return new Situation(ticker, tradeDate, Map.of(), List.of());
    }
}
