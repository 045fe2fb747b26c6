package dev.quorum.memory.trust;

import java.time.Instant;
import java.util.Map;

/** Where the current trust weights are copied for consumers and dashboards, after SQLite has committed them. */
public interface WeightsMirror {

    /** A mirror that copies nothing (no Redis configured). */
    WeightsMirror NONE = (weights, at) -> { };

    /**
     * Copies all current weights. Best effort: implementations never throw and return within a bounded time,
     * because a weight update is already committed when this is called.
     */
    void publish(Map<String, Double> weights, Instant at);
}
