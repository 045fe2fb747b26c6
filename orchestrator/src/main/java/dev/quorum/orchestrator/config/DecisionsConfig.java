package dev.quorum.orchestrator.config;

/**
 * What happens to a (ticker, trade date) that already has a decision.
 *
 * @param redecide false (the default): it is recognised and skipped, so a restarted cycle or a duplicate job never
 *                 publishes a second verdict for the same day; true: it is decided again, the old decision is kept
 *                 in SQLite marked as superseded and both envelopes are published
 */
public record DecisionsConfig(Boolean redecide) {

    public DecisionsConfig {
        ConfigCheck.present("redecide", redecide);
    }
}
