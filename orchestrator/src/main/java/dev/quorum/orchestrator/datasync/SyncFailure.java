package dev.quorum.orchestrator.datasync;

import java.time.Duration;
import java.util.Optional;

/** A provider request that failed; the message is one line naming the provider and what to do. */
public final class SyncFailure extends RuntimeException {

    /** What went wrong, which decides whether retrying or going on with the next file makes sense. */
    public enum Kind {
        /** 401/403: the key is missing or refused; every further request would fail the same way. */
        AUTH(false),
        /** The provider has no data at all for the symbol. */
        UNKNOWN_SYMBOL(false),
        /** 429, 5xx, a broken connection, a timeout: worth retrying. */
        UNAVAILABLE(true),
        /** An answer that is not the documented format, or a 4xx other than auth. */
        BAD_RESPONSE(false),
        /** Not asked: the sync's time limit ({@code market.sync.timeout_seconds}) had passed. */
        OUT_OF_TIME(false);

        private final boolean retriable;

        Kind(boolean retriable) {
            this.retriable = retriable;
        }

        public boolean retriable() {
            return retriable;
        }
    }

    private final Kind kind;
    private final Optional<Duration> retryAfter;

    public SyncFailure(Kind kind, String message) {
        this(kind, message, Optional.empty());
    }

    /** @param retryAfter how long the provider asked to wait before the next request (its {@code Retry-After}) */
    public SyncFailure(Kind kind, String message, Optional<Duration> retryAfter) {
        super(message);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public SyncFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = Optional.empty();
    }

    public Kind kind() {
        return kind;
    }

    /** The wait the provider asked for with its answer, if it named one. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
