package dev.quorum.orchestrator.http;

import java.util.Objects;
import java.util.Optional;

/**
 * The read-only views only the dashboard asks for. An empty one answers 503 naming the component, like every view.
 *
 * @param decision    {@code GET /api/decisions/{correlation_id}}: the drill-down (signals, reasoning, fallback paths,
 *                    recall, trust weights used, outcome when known)
 * @param trackRecord {@code GET /api/agents/track-record}: per agent, accuracy and calibration over trade dates
 * @param streamTail  {@code GET /api/stream/tail?after=ID&limit=N}: the envelopes most recently queued for the stream
 */
public record DashboardViews(Optional<JsonQuery> decision, Optional<JsonView> trackRecord, Optional<JsonQuery> streamTail) {

    public DashboardViews {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(trackRecord, "trackRecord");
        Objects.requireNonNull(streamTail, "streamTail");
    }

    /** None wired: every dashboard-only endpoint answers 503. */
    public static DashboardViews none() {
        return new DashboardViews(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
