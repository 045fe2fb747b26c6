package dev.quorum.orchestrator.http;

import dev.quorum.orchestrator.health.Readiness;
import dev.quorum.orchestrator.service.Engine;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Objects;
import java.util.Optional;

/**
 * The components the API exposes. An empty one makes its endpoints answer 503 with a JSON error naming what is
 * missing (the process was started without it), instead of answering with made-up data.
 *
 * @param engine   status, scan, start, stop
 * @param feedback {@code POST /api/feedback}: seed 001's outcome payload
 * @param weights  {@code GET /api/weights}: current trust weights
 * @param learning {@code GET /api/learning/status}: meta-learner loss, R², learning curve
 * @param decisions the latest decisions (dashboard)
 * @param errors   {@code GET /api/errors}: seed 002's error patterns, by {@code agent} and {@code since}
 * @param performance {@code GET /api/performance}: seed 002's PerformanceAnalyzer over the resolved decisions, by
 *                 {@code ticker}, {@code from} and {@code to}
 * @param dashboard the views only the dashboard reads (drill-down, track record, stream tail)
 */
public record ApiBackends(Optional<Engine> engine, Optional<JsonAction> feedback, Optional<JsonView> weights,
                          Optional<JsonView> learning, Optional<JsonView> decisions, Readiness readiness,
                          PrometheusMeterRegistry metrics, Optional<JsonQuery> errors, Optional<JsonQuery> performance,
                          DashboardViews dashboard) {

    /** Without the error patterns and the performance analysis (they answer 503). */
    public ApiBackends(Optional<Engine> engine, Optional<JsonAction> feedback, Optional<JsonView> weights,
                       Optional<JsonView> learning, Optional<JsonView> decisions, Readiness readiness,
                       PrometheusMeterRegistry metrics) {
        this(engine, feedback, weights, learning, decisions, readiness, metrics, Optional.empty(), Optional.empty(),
                DashboardViews.none());
    }

    public ApiBackends {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(feedback, "feedback");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(learning, "learning");
        Objects.requireNonNull(decisions, "decisions");
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(performance, "performance");
        Objects.requireNonNull(dashboard, "dashboard");
    }
}
