package dev.quorum.agents.llm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Models that answered 404 (not pulled on their endpoint). They are skipped without a call for a while, so a
 * missing model costs one request per period instead of one per agent and decision; after the period one call
 * checks again (an operator may have pulled it meanwhile).
 */
final class ModelAvailability {

    private static final Logger LOG = LoggerFactory.getLogger(ModelAvailability.class);

    private final Map<ModelTarget, Instant> unavailableUntil = new ConcurrentHashMap<>();
    private final Duration period;
    private final Clock clock;

    ModelAvailability(Duration period, Clock clock) {
        this.period = period;
        this.clock = clock;
    }

    /** When the target may be asked again, if it is being skipped now. */
    Optional<Instant> skippedUntil(ModelTarget target) {
        Instant until = unavailableUntil.get(target);
        if (until == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(until)) {
            unavailableUntil.remove(target, until);
            return Optional.empty();
        }
        return Optional.of(until);
    }

    void markNotPulled(ModelTarget target) {
        Instant until = clock.instant().plus(period);
        if (unavailableUntil.put(target, until) == null) {
            LOG.warn("Model '{}' is not available on {} (404 model not found): run `ollama pull {}` on that host."
                            + " Skipping it for {}; the next models in the chain answer meanwhile.",
                    target.model(), target.endpoint().baseUrl(), target.model(), period);
        }
    }
}
