package dev.quorum.agents.llm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Targets skipped without a call until an instant; a skip ends by itself when the clock passes it. */
final class TimedSkips {

    private final Map<ModelTarget, Instant> until = new ConcurrentHashMap<>();
    private final Clock clock;

    TimedSkips(Clock clock) {
        this.clock = clock;
    }

    /** When the target may be asked again, if it is being skipped now. */
    Optional<Instant> skippedUntil(ModelTarget target) {
        Instant end = until.get(target);
        if (end == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(end)) {
            until.remove(target, end);
            return Optional.empty();
        }
        return Optional.of(end);
    }

    /** Skips the target for {@code period} from now; true when it was not being skipped already. */
    boolean skip(ModelTarget target, Duration period) {
        return until.put(target, clock.instant().plus(period)) == null;
    }
}
