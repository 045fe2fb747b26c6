package dev.quorum.orchestrator.config;

import java.time.Duration;

/**
 * How each (endpoint, model) call is guarded: a timeout, retries with exponential backoff and jitter for
 * retriable failures only, and a circuit breaker.
 *
 * @param callTimeoutSeconds           one LLM call's time limit
 * @param maxAttempts                  attempts per (endpoint, model), the first included
 * @param backoffInitialMillis         wait before the first retry
 * @param backoffMultiplier            growth of the wait per retry
 * @param backoffJitter                random spread of each wait, in [0, 1) (0.5 = plus or minus 50 %)
 * @param breakerFailureRatePercent    failure rate that opens the breaker
 * @param breakerWindowCalls           calls the failure rate is measured over
 * @param breakerOpenSeconds           how long an open breaker refuses calls before half-open trials
 * @param breakerHalfOpenCalls         trial calls in half-open state
 * @param breakerMinimumCalls          calls the window needs before its failure rate counts (at most the window)
 * @param invalidOutputSkipAfter       invalid replies in a row after which a (endpoint, model) is skipped
 * @param invalidOutputSkipSeconds     how long such a (endpoint, model) is skipped without a call
 */
public record ResilienceConfig(Integer callTimeoutSeconds, Integer maxAttempts, Integer backoffInitialMillis,
                               Double backoffMultiplier, Double backoffJitter, Integer breakerFailureRatePercent,
                               Integer breakerWindowCalls, Integer breakerOpenSeconds, Integer breakerHalfOpenCalls,
                               Integer breakerMinimumCalls, Integer invalidOutputSkipAfter,
                               Integer invalidOutputSkipSeconds) {

    public ResilienceConfig {
        ConfigCheck.between("call_timeout_seconds", callTimeoutSeconds, 1, 3600);
        ConfigCheck.between("max_attempts", maxAttempts, 1, 10);
        ConfigCheck.between("backoff_initial_millis", backoffInitialMillis, 1, 60_000);
        ConfigCheck.between("backoff_multiplier", backoffMultiplier, 1.0, 10.0);
        ConfigCheck.between("backoff_jitter", backoffJitter, 0.0, 1.0);
        if (backoffJitter == 1.0) {
            throw ConfigCheck.invalid("backoff_jitter", "must be below 1 (1 would allow a zero wait)");
        }
        ConfigCheck.between("breaker_failure_rate_percent", breakerFailureRatePercent, 1, 100);
        ConfigCheck.between("breaker_window_calls", breakerWindowCalls, 1, 10_000);
        ConfigCheck.between("breaker_open_seconds", breakerOpenSeconds, 1, 3600);
        ConfigCheck.between("breaker_half_open_calls", breakerHalfOpenCalls, 1, 100);
        ConfigCheck.between("breaker_minimum_calls", breakerMinimumCalls, 1, 10_000);
        if (breakerMinimumCalls > breakerWindowCalls) {
            // The failure rate is measured over the window's calls: a minimum above it would never be reached.
            throw ConfigCheck.invalid("breaker_minimum_calls", "is " + breakerMinimumCalls + ", more than breaker_window_calls ("
                    + breakerWindowCalls + "), the calls the failure rate is measured over: at most " + breakerWindowCalls);
        }
        ConfigCheck.between("invalid_output_skip_after", invalidOutputSkipAfter, 1, 1000);
        ConfigCheck.between("invalid_output_skip_seconds", invalidOutputSkipSeconds, 1, 24 * 3600);
    }

    public Duration callTimeout() {
        return Duration.ofSeconds(callTimeoutSeconds);
    }
}
