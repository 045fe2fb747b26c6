package dev.quorum.orchestrator.runtime;

/** Where a process publishes. */
public enum PublishTarget {
    /** Always the configured Redis; while it is down, envelopes wait in the outbox (run, serve). */
    REDIS,
    /** The configured Redis when it answers at start-up, else a JSON-lines file under the data directory (demo). */
    REDIS_OR_FILE,
    /** Only the JSON-lines file under the data directory, never Redis, even when one answers (backtests). */
    FILE
}
