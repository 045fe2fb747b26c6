package dev.quorum.agents.rules;

import dev.quorum.agents.Agent;
import dev.quorum.agents.AgentInput;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.features.FeatureKeys;
import dev.quorum.agents.features.MarketRegime;
import dev.quorum.agents.signal.Abstention;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.agents.signal.SignalBackend;
import dev.quorum.agents.signal.SignalTelemetry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What every rules agent shares: it checks its required features (missing or non-numeric: an
 * {@link Abstention} with category DATA), lets the subclass vote on a {@link Scorecard}, and stamps the
 * telemetry ({@code backend = rules}, no model, no LLM call, {@code promptId = rules-<name>@<version>}).
 * It never takes LLM calls from the budget.
 */
abstract class RulesAgent implements Agent {


    private final String name;
    private final String domain;
    private final int rulesVersion;
    private final List<String> requiredFeatures;

    RulesAgent(String name, String domain, int rulesVersion, List<String> requiredFeatures) {
        this.name = name;
        this.domain = domain;
        this.rulesVersion = rulesVersion;
        this.requiredFeatures = List.copyOf(requiredFeatures);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String domain() {
        return domain;
    }

    /** The features without which this agent abstains. */
    public final List<String> requiredFeatures() {
        return requiredFeatures;
    }

    @Override
    public final AgentOutcome assess(AgentInput input, DecisionBudget budget) {
        long started = System.nanoTime();
        Features features = new Features(input.features());
        List<String> missing = new ArrayList<>();
        for (String key : requiredFeatures) {
            if (!features.usable(key)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            return new Abstention(name, domain, ErrorCategory.DATA, "missing or unusable features " + String.join(", ", missing)
                    + " for " + input.ticker() + " on " + input.tradeDate() + " (not enough history or no data)",
                    telemetry(started));
        }
        Scorecard card = new Scorecard();
        score(features, card);
        return card.toSignal(name, domain, input.ticker() + " on " + input.tradeDate(), telemetry(started));
    }

    /** The rules: vote on {@code card}; required features are present and typed. */
    abstract void score(Features features, Scorecard card);

    private SignalTelemetry telemetry(long startedNanos) {
        return new SignalTelemetry(SignalBackend.RULES, "", "", 0, List.of(), Duration.ofNanos(System.nanoTime() - startedNanos),
                0, 0, "rules-" + name + "@" + rulesVersion, "");
    }

    /** Typed, read-only access to a feature map: numbers are finite Double/Long values, the regime a known label. */
    static final class Features {
        private final Map<String, Object> values;

        Features(Map<String, Object> values) {
            this.values = values;
        }

        boolean usable(String key) {
            return FeatureKeys.REGIME.equals(key) ? regime().isPresent() : number(key).isPresent();
        }

        OptionalDouble number(String key) {
            Object value = values.get(key);
            if (value instanceof Double d && Double.isFinite(d)) {
                return OptionalDouble.of(d);
            }
            return value instanceof Long l ? OptionalDouble.of(l) : OptionalDouble.empty();
        }

        /** A feature the agent declared as required (so {@link #usable} was checked). */
        double required(String key) {
            return number(key).orElseThrow(() -> new IllegalStateException(key + " is not a required feature of this agent"));
        }

        Optional<MarketRegime> regime() {
            if (values.get(FeatureKeys.REGIME) instanceof String label) {
                try {
                    return Optional.of(MarketRegime.fromLabel(label));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }
    }
}
