package dev.quorum.orchestrator.config;

import java.time.Duration;

/**
 * What happens to a (ticker, trade date) that already has a decision.
 *
 * @param redecide                   false (the default): it is recognised and skipped, so a restarted cycle or a
 *                                   duplicate job never publishes a second verdict for the same day; true: it is
 *                                   decided again, the old decision is kept in SQLite marked as superseded and both
 *                                   envelopes are published. A provisional decision (the models failed) is decided
 *                                   again either way.
 * @param provisionalRetrySeconds    {@code serve}: how long after a cycle that left provisional decisions it tries
 *                                   those tickers again; the wait doubles after each try that is still provisional
 * @param provisionalRetryMaxSeconds the longest wait between two tries; tries stop when the trade date moves on
 */
public record DecisionsConfig(Boolean redecide, Integer provisionalRetrySeconds, Integer provisionalRetryMaxSeconds) {

    public DecisionsConfig {
        ConfigCheck.present("redecide", redecide);
        ConfigCheck.between("provisional_retry_seconds", provisionalRetrySeconds, 1, 24 * 3600);
        ConfigCheck.between("provisional_retry_max_seconds", provisionalRetryMaxSeconds, provisionalRetrySeconds, 24 * 3600);
    }

    public Duration provisionalRetry() {
        return Duration.ofSeconds(provisionalRetrySeconds);
    }

    public Duration provisionalRetryMax() {
        return Duration.ofSeconds(provisionalRetryMaxSeconds);
    }
}
