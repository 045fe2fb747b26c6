package dev.quorum.agents.federation;

import dev.quorum.agents.Agent;
import dev.quorum.agents.AgentInput;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.signal.Abstention;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.agents.signal.SignalBackend;
import dev.quorum.agents.signal.SignalTelemetry;
import redis.clients.jedis.UnifiedJedis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A panel member whose vote is an external model's latest call, read from {@code quantum:model:{model}:signal}
 * (seed 003). The model name is the agent's name, so its trust weight, errors and outcomes are kept under the name
 * the quant's model writes to. The seed's signal names no ticker: the model's latest call is its vote for
 * whichever ticker is being decided, as the seed's federation uses it.
 */
public final class ModelSignalAgent implements Agent {

    private final String model;
    private final String domain;
    private final UnifiedJedis redis;
    private final Duration maxAge;
    private final Optional<ConsensusWindow> window;
    private final Clock clock;

    /**
     * @param maxAge a signal older than this (or dated further ahead, a clock problem) is an abstention: a model
     *               that stopped writing must not keep voting its last call
     */
    public ModelSignalAgent(String model, String domain, UnifiedJedis redis, Duration maxAge, Clock clock) {
        this(model, domain, redis, maxAge, Optional.empty(), clock);
    }

    /** @param window seed 000's consensus window over the federated models; a signal outside it is an abstention */
    public ModelSignalAgent(String model, String domain, UnifiedJedis redis, Duration maxAge, Optional<ConsensusWindow> window,
                            Clock clock) {
        this.window = Objects.requireNonNull(window, "window");
        this.model = Objects.requireNonNull(model, "model");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The key the model writes its call to. */
    public static String signalKey(String model) {
        return "quantum:model:" + model + ":signal";
    }

    @Override
    public String name() {
        return model;
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public AgentOutcome assess(AgentInput input, DecisionBudget budget) {
        String key = signalKey(model);
        Instant started = clock.instant();
        String json;
        try {
            json = redis.get(key);
        } catch (RuntimeException e) {
            return abstain(ErrorCategory.NETWORK, "reading " + key + " failed: " + e.getMessage(), started);
        }
        if (json == null) {
            return abstain(ErrorCategory.DATA, "no signal at " + key, started);
        }
        ModelSignal signal;
        try {
            signal = ModelSignal.parse(json);
        } catch (IllegalArgumentException e) {
            return abstain(ErrorCategory.MODEL, "malformed signal at " + key + ": " + e.getMessage(), started);
        }
        Duration age = Duration.between(signal.timestamp(), started);
        if (age.abs().compareTo(maxAge) > 0) {
            return abstain(ErrorCategory.DATA, String.format("stale signal at %s: %s old%s, max age %d s", key,
                    age.abs().toSeconds() + " s", age.isNegative() ? " (dated in the future)" : "", maxAge.toSeconds()), started);
        }
        if (window.isPresent()) {
            Optional<String> outside;
            try {
                outside = window.get().outside(signal.timestamp(), started);
            } catch (RuntimeException e) {
                return abstain(ErrorCategory.NETWORK, "reading the federated signals for the consensus window failed: "
                        + e.getMessage(), started);
            }
            if (outside.isPresent()) {
                return abstain(ErrorCategory.DATA, key + " is " + outside.get(), started);
            }
        }
        String summary = String.format("%s says %s with confidence %.2f at %s", model, signal.action(),
                signal.confidence(), signal.timestamp());
        return new AgentSignal(model, domain, signal.direction(), signal.confidence(), summary, List.of(),
                telemetry(started));
    }

    private Abstention abstain(ErrorCategory category, String reason, Instant started) {
        return new Abstention(model, domain, category, reason, telemetry(started));
    }

    private SignalTelemetry telemetry(Instant started) {
        return new SignalTelemetry(SignalBackend.REDIS, model, signalKey(model), 0, List.of(),
                Duration.between(started, clock.instant()), 0, 0, "", "");
    }
}
