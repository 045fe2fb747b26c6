package dev.quorum.agents.llm.http;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The time one guarded call may still take, for what that call does on its own thread: {@link BlockingHttpClient}
 * ends its request by then, and hangs up. A limit set here, on the caller's thread, instead of cutting the call from
 * another thread: a blocking HTTP read ignores interrupts, so a call abandoned that way kept its request open at the
 * server (still generating, uncounted by the endpoint's slots) until its own timeout.
 */
public final class CallDeadline {

    private static final ThreadLocal<Long> DEADLINE_NANOS = new ThreadLocal<>();

    private CallDeadline() {
    }

    /** Runs {@code call} on this thread with at most {@code timeLeft} for it (a deadline set already is kept if nearer). */
    public static <T> T within(Duration timeLeft, Callable<T> call) throws Exception {
        Long outer = DEADLINE_NANOS.get();
        long deadline = System.nanoTime() + Math.max(0, timeLeft.toNanos());
        DEADLINE_NANOS.set(outer == null || deadline - outer < 0 ? deadline : outer);
        try {
            return call.call();
        } finally {
            if (outer == null) {
                DEADLINE_NANOS.remove();
            } else {
                DEADLINE_NANOS.set(outer);
            }
        }
    }

    /** The time left to the call running on this thread; empty outside {@link #within}. */
    public static Optional<Duration> remaining() {
        Long deadline = DEADLINE_NANOS.get();
        return deadline == null ? Optional.empty() : Optional.of(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
}
