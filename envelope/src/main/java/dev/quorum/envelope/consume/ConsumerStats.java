package dev.quorum.envelope.consume;

import dev.quorum.envelope.json.SkipReason;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Live counters of one consumer; safe to read from any thread while it runs. */
public final class ConsumerStats {

    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong handlerFailures = new AtomicLong();
    private final AtomicLong reclaimed = new AtomicLong();
    private final Map<SkipReason, AtomicLong> skips = new EnumMap<>(SkipReason.class);

    ConsumerStats() {
        for (SkipReason reason : SkipReason.values()) {
            skips.put(reason, new AtomicLong());
        }
    }

    /** Envelopes the handler accepted. */
    public long handled() {
        return handled.get();
    }

    /** Handler calls that threw; in a group their entries stay pending. */
    public long handlerFailures() {
        return handlerFailures.get();
    }

    /** Entries taken over from consumers that left them pending too long (XAUTOCLAIM). */
    public long reclaimed() {
        return reclaimed.get();
    }

    public long skipped(SkipReason reason) {
        return skips.get(reason).get();
    }

    public long skipped() {
        return skips.values().stream().mapToLong(AtomicLong::get).sum();
    }

    void recordHandled() {
        handled.incrementAndGet();
    }

    void recordHandlerFailure() {
        handlerFailures.incrementAndGet();
    }

    void recordReclaimed(long entries) {
        reclaimed.addAndGet(entries);
    }

    void recordSkip(SkipReason reason) {
        skips.get(reason).incrementAndGet();
    }

    @Override
    public String toString() {
        return "handled=" + handled() + " handler_failures=" + handlerFailures() + " reclaimed=" + reclaimed()
                + " skipped=" + skips;
    }
}
