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
 * Targets (endpoint, model) whose replies keep failing validation. The circuit breaker counts the server's health
 * only (an invalid reply is a healthy server answering badly), so without this a model that cannot follow the schema
 * costs every agent of every ticker the same wasted asks. After {@code skipAfter} invalid replies in a row the
 * target is skipped without a call for {@code skipFor}; a valid reply resets the count. After the period the next
 * call tries it again (one invalid reply then skips it again: the count starts from the threshold).
 */
final class InvalidOutputBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(InvalidOutputBreaker.class);

    private final int skipAfter;
    private final Duration skipFor;
    private final Map<ModelTarget, Integer> consecutiveInvalid = new ConcurrentHashMap<>();
    private final TimedSkips skips;

    InvalidOutputBreaker(int skipAfter, Duration skipFor, Clock clock) {
        this.skipAfter = skipAfter;
        this.skipFor = skipFor;
        this.skips = new TimedSkips(clock);
    }

    /** When the target may be asked again, if it is being skipped now. */
    Optional<Instant> skippedUntil(ModelTarget target) {
        return skips.skippedUntil(target);
    }

    /** Invalid replies in a row from the target, now. */
    int consecutiveInvalid(ModelTarget target) {
        return consecutiveInvalid.getOrDefault(target, 0);
    }

    void invalid(ModelTarget target, String why) {
        int count = consecutiveInvalid.merge(target, 1, Integer::sum);
        if (count >= skipAfter && skippedUntil(target).isEmpty()) {
            skips.skip(target, skipFor);
            LOG.warn("{} gave {} invalid replies in a row (last: {}); skipping it for {}", target.id(), count, why, SpokenDuration.of(skipFor));
        }
    }

    void valid(ModelTarget target) {
        consecutiveInvalid.remove(target);
    }
}
