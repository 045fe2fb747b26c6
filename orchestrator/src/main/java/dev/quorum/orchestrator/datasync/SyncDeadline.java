package dev.quorum.orchestrator.datasync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When the sync in progress must be over ({@code market.sync.timeout_seconds} after it started), shared by its
 * provider clients: a {@code Retry-After} that would end past it is not waited for, and once it has passed no request
 * is sent (a provider that hangs would otherwise be asked again for every file, each time for every attempt).
 */
final class SyncDeadline {

    private final Clock clock;
    private final Duration limit;
    private volatile Instant deadline;

    SyncDeadline(Clock clock, Duration limit) {
        this.clock = clock;
        this.limit = limit;
        this.deadline = clock.instant().plus(limit);
    }

    /** A sync starts: the deadline is {@code limit} from now. */
    void start() {
        deadline = clock.instant().plus(limit);
    }

    /** Whether waiting {@code wait} from now still ends within the sync's time. */
    boolean allows(Duration wait) {
        return !clock.instant().plus(wait).isAfter(deadline);
    }

    /** Whether the sync's time is up: no further request is sent. */
    boolean passed() {
        return clock.instant().isAfter(deadline);
    }

    Duration limit() {
        return limit;
    }
}
