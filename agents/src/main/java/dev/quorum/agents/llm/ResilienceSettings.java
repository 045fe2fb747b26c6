package dev.quorum.agents.llm;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard the chain tries each target before moving on. Immutable; {@link #builder()} starts from defaults
 * suited to a local Ollama with 7-8B models.
 *
 * @param callTimeout          the most one HTTP call may take (further bounded by the decision budget's remaining time)
 * @param maxAttempts          HTTP attempts per target for retriable failures (timeout, 5xx, 503 busy, connection
 *                             refused): 1 means no retry
 * @param initialBackoff       wait before the first retry; doubles (times {@code backoffMultiplier}) per retry
 * @param backoffMultiplier    growth of the wait between retries
 * @param backoffJitter        randomisation factor in [0, 1): each wait is drawn from {@code wait * (1 ± jitter)}
 *                             so that agents retrying together do not hit the server in lockstep
 * @param maxBackoff           cap on the (un-jittered) wait between retries
 * @param failureRateThreshold percentage of failed calls in the window that opens a target's circuit
 * @param slidingWindowSize    calls the failure rate is computed over
 * @param minimumCalls         calls needed in the window before the rate counts
 * @param openDuration         how long an open circuit rejects calls before letting trial calls through (half-open)
 * @param halfOpenCalls        trial calls in half-open state that decide between closing and re-opening
 * @param bulkheadMaxWait      how long a call waits for a free slot on any endpoint of its model tier (when every one
 *                             is full) before giving up on that tier; a retry waits as long for its own endpoint
 * @param modelUnavailableFor  how long a model that answered 404 (not pulled) is skipped without asking
 * @param asksPerModel         asks per target when the output is invalid: 2 means one re-ask, then the next model
 * @param invalidRepliesToSkip invalid replies in a row after which a target is skipped for {@code invalidOutputSkipFor}
 * @param invalidOutputSkipFor how long a target that keeps replying invalid output is skipped without asking
 */
public record ResilienceSettings(Duration callTimeout, int maxAttempts, Duration initialBackoff,
                                 double backoffMultiplier, double backoffJitter, Duration maxBackoff,
                                 float failureRateThreshold, int slidingWindowSize, int minimumCalls,
                                 Duration openDuration, int halfOpenCalls, Duration bulkheadMaxWait,
                                 Duration modelUnavailableFor, int asksPerModel, int invalidRepliesToSkip,
                                 Duration invalidOutputSkipFor) {

    /** Asks per target unless configured otherwise: the first ask and one re-ask with the validation errors. */
    public static final int DEFAULT_ASKS_PER_MODEL = 2;

    public ResilienceSettings {
        requirePositive(callTimeout, "callTimeout");
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        requirePositive(openDuration, "openDuration");
        requirePositive(modelUnavailableFor, "modelUnavailableFor");
        Objects.requireNonNull(bulkheadMaxWait, "bulkheadMaxWait");
        if (bulkheadMaxWait.isNegative()) {
            throw new IllegalArgumentException("bulkheadMaxWait must not be negative, was " + bulkheadMaxWait);
        }
        requireAtLeast(maxAttempts, 1, "maxAttempts");
        requireAtLeast(slidingWindowSize, 1, "slidingWindowSize");
        requireAtLeast(minimumCalls, 1, "minimumCalls");
        requireAtLeast(halfOpenCalls, 1, "halfOpenCalls");
        requireAtLeast(asksPerModel, 1, "asksPerModel");
        requireAtLeast(invalidRepliesToSkip, 1, "invalidRepliesToSkip");
        requirePositive(invalidOutputSkipFor, "invalidOutputSkipFor");
        if (!(backoffMultiplier >= 1.0)) {
            throw new IllegalArgumentException("backoffMultiplier must be >= 1, was " + backoffMultiplier);
        }
        if (!(backoffJitter >= 0.0 && backoffJitter < 1.0)) {
            throw new IllegalArgumentException("backoffJitter must be in [0, 1), was " + backoffJitter);
        }
        if (!(failureRateThreshold > 0 && failureRateThreshold <= 100)) {
            throw new IllegalArgumentException("failureRateThreshold must be in (0, 100], was " + failureRateThreshold);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The longest one target can hold a call before the chain moves on: every ask and every attempt waiting the
     * full bulkhead wait and timing out, plus the longest possible backoffs. The chain's worst case is this times
     * the number of targets (an upper bound used to size the decision budget, and asserted by the tests).
     */
    public Duration worstCasePerTarget() {
        Duration perAttempt = bulkheadMaxWait.plus(callTimeout);
        Duration longestBackoff = Duration.ofNanos((long) (maxBackoff.toNanos() * (1 + backoffJitter)));
        Duration perAsk = perAttempt.multipliedBy(maxAttempts).plus(longestBackoff.multipliedBy(maxAttempts - 1L));
        return perAsk.multipliedBy(asksPerModel);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void requireAtLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
    }

    /** Builder starting from the defaults. */
    public static final class Builder {
        private Duration callTimeout = Duration.ofSeconds(60);
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(500);
        private double backoffMultiplier = 2.0;
        private double backoffJitter = 0.5;
        private Duration maxBackoff = Duration.ofSeconds(5);
        private float failureRateThreshold = 50f;
        private int slidingWindowSize = 10;
        private int minimumCalls = 5;
        private Duration openDuration = Duration.ofSeconds(30);
        private int halfOpenCalls = 2;
        private Duration bulkheadMaxWait = Duration.ofSeconds(120);
        private Duration modelUnavailableFor = Duration.ofMinutes(10);
        private int asksPerModel = DEFAULT_ASKS_PER_MODEL;
        private int invalidRepliesToSkip = 4;
        private Duration invalidOutputSkipFor = Duration.ofMinutes(5);

        private Builder() {
        }

        private Builder(ResilienceSettings s) {
            callTimeout = s.callTimeout;
            maxAttempts = s.maxAttempts;
            initialBackoff = s.initialBackoff;
            backoffMultiplier = s.backoffMultiplier;
            backoffJitter = s.backoffJitter;
            maxBackoff = s.maxBackoff;
            failureRateThreshold = s.failureRateThreshold;
            slidingWindowSize = s.slidingWindowSize;
            minimumCalls = s.minimumCalls;
            openDuration = s.openDuration;
            halfOpenCalls = s.halfOpenCalls;
            bulkheadMaxWait = s.bulkheadMaxWait;
            modelUnavailableFor = s.modelUnavailableFor;
            asksPerModel = s.asksPerModel;
            invalidRepliesToSkip = s.invalidRepliesToSkip;
            invalidOutputSkipFor = s.invalidOutputSkipFor;
        }

        public Builder callTimeout(Duration value) { callTimeout = value; return this; }
        public Builder maxAttempts(int value) { maxAttempts = value; return this; }
        public Builder initialBackoff(Duration value) { initialBackoff = value; return this; }
        public Builder backoffMultiplier(double value) { backoffMultiplier = value; return this; }
        public Builder backoffJitter(double value) { backoffJitter = value; return this; }
        public Builder maxBackoff(Duration value) { maxBackoff = value; return this; }
        public Builder failureRateThreshold(float value) { failureRateThreshold = value; return this; }
        public Builder slidingWindowSize(int value) { slidingWindowSize = value; return this; }
        public Builder minimumCalls(int value) { minimumCalls = value; return this; }
        public Builder openDuration(Duration value) { openDuration = value; return this; }
        public Builder halfOpenCalls(int value) { halfOpenCalls = value; return this; }
        public Builder bulkheadMaxWait(Duration value) { bulkheadMaxWait = value; return this; }
        public Builder modelUnavailableFor(Duration value) { modelUnavailableFor = value; return this; }
        public Builder asksPerModel(int value) { asksPerModel = value; return this; }
        public Builder invalidRepliesToSkip(int value) { invalidRepliesToSkip = value; return this; }
        public Builder invalidOutputSkipFor(Duration value) { invalidOutputSkipFor = value; return this; }

        public ResilienceSettings build() {
            return new ResilienceSettings(callTimeout, maxAttempts, initialBackoff, backoffMultiplier, backoffJitter,
                    maxBackoff, failureRateThreshold, slidingWindowSize, minimumCalls, openDuration, halfOpenCalls,
                    bulkheadMaxWait, modelUnavailableFor, asksPerModel, invalidRepliesToSkip, invalidOutputSkipFor);
        }
    }
}
