package dev.quorum.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the test moves by hand: circuit open periods, model skip periods and a sync's time limit pass without
 * waiting, and a schedule meets a clock set back or a day's end.
 */
public final class ManualClock extends Clock {

    private final AtomicReference<Instant> now;

    /** Starts at 2026-01-05T14:30:00Z, a Monday afternoon. */
    public ManualClock() {
        this(Instant.parse("2026-01-05T14:30:00Z"));
    }

    public ManualClock(Instant start) {
        now = new AtomicReference<>(start);
    }

    public void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    /** Sets the time, forward or back, as NTP or an operator sets a machine's clock. */
    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
