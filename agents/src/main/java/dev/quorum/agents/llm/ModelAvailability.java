package dev.quorum.agents.llm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Models that answered 404 (not pulled on their endpoint). They are skipped without a call for a while, so a
 * missing model costs one request per period instead of one per agent and decision; after the period one call
 * checks again (an operator may have pulled it meanwhile).
 */
final class ModelAvailability {

    private static final Logger LOG = LoggerFactory.getLogger(ModelAvailability.class);

    private final TimedSkips skips;
    private final Duration period;

    ModelAvailability(Duration period, Clock clock) {
        this.period = period;
        this.skips = new TimedSkips(clock);
    }

    /** When the target may be asked again, if it is being skipped now. */
    Optional<Instant> skippedUntil(ModelTarget target) {
        return skips.skippedUntil(target);
    }

    void markNotPulled(ModelTarget target) {
        if (skips.skip(target, period)) {
            LOG.warn("Model '{}' is not available on {} (404 model not found): run `ollama pull {}` on that host."
                            + " Skipping it for {}; the next models in the chain answer meanwhile.",
                    target.model(), target.endpoint().baseUrl(), target.model(), SpokenDuration.of(period));
        }
    }
}
