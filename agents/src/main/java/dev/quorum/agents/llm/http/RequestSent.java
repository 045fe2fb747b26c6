package dev.quorum.agents.llm.http;

import java.util.function.Supplier;

/**
 * Tells whoever runs work on a thread when that work's first request to a model server goes out: the cycle starts
 * what can wait (storing the decision before, preparing the ticker after) once its agents have all asked, so that on
 * a small host none of it takes a core from the requests still being made. {@link BlockingHttpClient} tells it as
 * each request is written; only the first is told.
 */
public final class RequestSent {

    private static final ThreadLocal<Runnable> LISTENER = new ThreadLocal<>();

    private RequestSent() {
    }

    /** Runs {@code work} on this thread, and {@code onFirstSent} (on this thread too) as its first request goes out. */
    public static <T> T watching(Runnable onFirstSent, Supplier<T> work) {
        LISTENER.set(onFirstSent);
        try {
            return work.get();
        } finally {
            LISTENER.remove();
        }
    }

    /** A request of the work running on this thread is being written; what is left is waiting for its answer. */
    static void sending() {
        Runnable listener = LISTENER.get();
        if (listener != null) {
            LISTENER.remove();
            listener.run();
        }
    }
}
