package dev.quorum.orchestrator.http;

import com.fasterxml.jackson.databind.util.RawValue;
import dev.quorum.orchestrator.backtest.BacktestLedger;
import dev.quorum.orchestrator.backtest.metrics.PerformanceAnalysis;
import dev.quorum.memory.metalearner.MetaLearnerStatus;
import dev.quorum.memory.metalearner.TrainingStep;
import dev.quorum.memory.outcomes.ResolvedOutcome;
import dev.quorum.memory.store.DashboardQueries.CallOutcome;
import dev.quorum.memory.store.DashboardQueries.StreamEntry;
import dev.quorum.memory.store.DecisionSummary;
import dev.quorum.memory.store.ReplayInput;
import dev.quorum.memory.trust.AgentSkill;
import dev.quorum.memory.trust.ScoredCall;
import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.cycle.TickerDecision;
import dev.quorum.orchestrator.service.EngineStatus;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON shapes of the engine's answers: snake_case keys, ISO-8601 instants and dates as strings, absent values
 * as null (the project's Jackson has no java.time / Optional modules, and the wire style is explicit anyway).
 */
public final class ApiViews {

    private ApiViews() {
    }

    public static Map<String, Object> status(EngineStatus status) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("scheduled", status.scheduled());
        view.put("schedule", status.schedule());
        view.put("cycle_running", status.cycleRunning());
        view.put("next_run", status.nextRun().map(Object::toString).orElse(null));
        view.put("watchlist", status.watchlist());
        view.put("outbox_pending", status.outboxPending());
        view.put("last_cycle", status.lastCycle().map(ApiViews::cycle).orElse(null));
        return view;
    }

    public static Map<String, Object> cycle(CycleReport report) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("trade_date", report.tradeDate().toString());
        view.put("started_at", report.startedAt().toString());
        view.put("finished_at", report.finishedAt().toString());
        view.put("elapsed_seconds", report.elapsed().toMillis() / 1000.0);
        view.put("complete", report.complete());
        view.put("abandoned", report.abandoned());
        List<Map<String, Object>> decided = report.decided().stream().map(ApiViews::decision).toList();
        view.put("decided", decided);
        view.put("failed", report.failed());
        view.put("already_decided", report.alreadyDecided());
        return view;
    }

    public static Map<String, Object> decision(TickerDecision d) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("ticker", d.ticker());
        view.put("verdict", d.verdict().name());
        view.put("confidence", d.confidence());
        view.put("ensemble_score", d.ensembleScore());
        view.put("agents_voted", d.voted());
        view.put("agents", d.agents());
        view.put("correlation_id", d.correlationId());
        view.put("degraded", d.degraded());
        return view;
    }

    /** A stored decision for the dashboard's list. */
    public static Map<String, Object> stored(DecisionSummary d) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("correlation_id", d.correlationId());
        view.put("ticker", d.ticker());
        view.put("trade_date", d.tradeDate().toString());
        view.put("verdict", d.verdict().name());
        view.put("confidence", d.confidence());
        view.put("ensemble_score", d.ensembleScore());
        view.put("created_at", d.createdAt().toString());
        view.put("superseded_by", d.supersededBy().orElse(null));
        view.put("realized_return", d.realizedReturn().isPresent() ? d.realizedReturn().getAsDouble() : null);
        return view;
    }

    /**
     * {@code GET /api/decisions/{correlation_id}}: the stored decision, its envelope exactly as queued (agent signals,
     * reasoning, {@code meta.trust_weights}, {@code meta.fallback_paths}, abstentions, synthesis method) and, per
     * agent, the prompt it used and the similar past situations it was shown, and once the outcome is known whether
     * each agent's call was right ({@code outcome_calls}, empty before).
     */
    public static Map<String, Object> drillDown(DecisionSummary d, String envelopeJson, List<ReplayInput> inputs,
                                                List<CallOutcome> outcomes) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("decision", stored(d));
        view.put("envelope", new RawValue(envelopeJson));
        view.put("inputs", inputs.stream().map(input -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("agent", input.agent());
            row.put("prompt_id", input.promptId());
            row.put("prompt_hash", input.promptHash());
            row.put("similar_situations", input.input().similarSituations());
            return row;
        }).toList());
        view.put("outcome_calls", outcomes.stream().map(call -> Map.of("agent", call.agent(), "signal", call.signal(),
                "correct", call.correct())).toList());
        return view;
    }

    /** {@code GET /api/stream/tail}: the envelopes most recently queued, oldest first, and whether each left the outbox. */
    public static Map<String, Object> streamTail(List<StreamEntry> entries) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("entries", entries.stream().map(e -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", e.id());
            row.put("correlation_id", e.correlationId());
            row.put("ticker", e.ticker());
            row.put("trade_date", e.tradeDate().toString());
            row.put("verdict", e.verdict());
            row.put("confidence", e.confidence());
            row.put("queued_at", e.queuedAt().toString());
            row.put("published_at", e.publishedAt().map(Object::toString).orElse(null));
            row.put("stream_id", e.streamId().orElse(null));
            row.put("attempts", e.attempts());
            row.put("last_error", e.lastError().orElse(null));
            return row;
        }).toList());
        return view;
    }

    /**
     * What {@code POST /api/feedback} answers (seed 001's response): the recorded outcome, the weights it moved, how
     * the panel did on it ({@code performance_summary}) and what the meta-learner made of it ({@code meta_learner}).
     * {@code success} is false when the outcome was recorded but the meta-learner update failed (it is retried).
     *
     * @param learning {@code trained}, {@code failed} or {@code no_votes}
     */
    public static Map<String, Object> outcome(ResolvedOutcome o, String learning, Optional<TrainingStep> step, Optional<String> error) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("success", !"failed".equals(learning));
        view.put("outcome_id", o.outcomeId());
        view.put("decision_id", o.correlationId());
        view.put("symbol", o.ticker());
        view.put("trade_date", o.tradeDate().toString());
        view.put("verdict", o.verdict().name());
        view.put("agents_updated", o.calls().stream().map(c -> c.agent()).toList());
        view.put("weights_at_decision", o.weightsAtDecision());
        view.put("agent_weights", o.weightsAfter());
        long correct = o.calls().stream().filter(ScoredCall::correct).count();
        Map<String, Object> performance = new LinkedHashMap<>();
        performance.put("realized_return", o.observation().realizedReturn());
        performance.put("calls_scored", o.calls().size());
        performance.put("calls_correct", correct);
        performance.put("accuracy", o.calls().isEmpty() ? null : (double) correct / o.calls().size());
        view.put("performance_summary", performance);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("status", learning);
        meta.put("training_step", step.map(TrainingStep::step).orElse(null));
        meta.put("predicted_profit", step.map(TrainingStep::predicted).orElse(null));
        meta.put("actual_profit", step.map(TrainingStep::actual).orElse(null));
        meta.put("loss", step.map(TrainingStep::loss).orElse(null));
        meta.put("agent_weights", o.weightsAfter());
        error.ifPresent(e -> meta.put("error", e + "; the outcome is recorded and the update is retried before the next one"));
        view.put("meta_learner", meta);
        return view;
    }

    /**
     * {@code GET /api/learning/status} in seed 001's shape: total steps, average loss, prediction accuracy (R²),
     * current agent weights and the learning curve; null where not yet defined.
     */
    public static Map<String, Object> learning(MetaLearnerStatus status, Map<String, Double> weights) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("success", true);
        view.put("total_steps", status.steps());
        view.put("avg_loss", status.runningLoss());
        view.put("prediction_accuracy", status.rSquared());
        view.put("window", status.window());
        view.put("last_checkpoint_step", status.lastCheckpointStep());
        view.put("agent_weights", weights);
        view.put("learning_curve", status.learningCurve().stream().map(step -> {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("step", step.step());
            point.put("loss", step.loss());
            point.put("predicted", step.predicted());
            point.put("actual", step.actual());
            point.put("decision_id", step.decisionId());
            return point;
        }).toList());
        return view;
    }

    /**
     * {@code GET /api/errors}: seed 002's get_error_patterns rows ({@code error_type}, {@code count}, in the seed's
     * lower case) with the agent, Quorum's category name and when it last happened; most frequent first.
     */
    public static Map<String, Object> errorPatterns(List<dev.quorum.memory.store.ErrorPattern> patterns) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("success", true);
        view.put("patterns", patterns.stream().map(p -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("agent", p.agent());
            row.put("error_type", p.category().name().toLowerCase(java.util.Locale.ROOT));
            row.put("category", p.category().name());
            row.put("count", p.count());
            row.put("last_seen", p.lastSeen().toString());
            return row;
        }).toList());
        return view;
    }

    /**
     * {@code GET /api/performance}: seed 002's PerformanceReport fields ({@code total_trades}, {@code winning_trades},
     * {@code win_rate}, {@code total_pnl}, {@code largest_win}, {@code per_symbol}, {@code patterns}, ...) with the
     * streaks and the per-regime table, over the stored decisions with a market outcome; {@code ?ticker=T},
     * {@code from} and {@code to} (yyyy-MM-dd, trade dates, inclusive) narrow them.
     */
    @SuppressWarnings("unchecked")
    public static JsonQuery performance(BacktestLedger ledger) {
        return query -> {
            LocalDate from = date(query, "from", LocalDate.of(1, 1, 1));
            LocalDate to = date(query, "to", LocalDate.of(9999, 12, 31));
            if (from.isAfter(to)) {
                // Swapped bounds would answer an empty report with success: true, as if nothing had been traded.
                throw new IllegalArgumentException("from " + from + " is after to " + to);
            }
            java.util.Optional<String> ticker = java.util.Optional.ofNullable(query.get("ticker")).filter(t -> !t.isBlank())
                    .map(t -> t.toUpperCase(java.util.Locale.ROOT));
            PerformanceAnalysis analysis = PerformanceAnalysis.of(ledger.resolved(t -> ticker.map(t::equals).orElse(true), from, to));
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("success", true);
            view.put("ticker", ticker.orElse(null));
            view.put("from", from.toString());
            view.put("to", to.toString());
            view.putAll(new com.fasterxml.jackson.databind.ObjectMapper().convertValue(analysis, Map.class));
            return view;
        };
    }

    private static LocalDate date(Map<String, String> query, String name, LocalDate otherwise) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date yyyy-MM-dd, was \"" + value + "\"");
        }
    }

    /** Per agent: the directional-accuracy posterior and the calibration map (accuracy per stated-confidence bin). */
    public static Map<String, Object> skills(Map<String, AgentSkill> skills) {
        Map<String, Object> view = new LinkedHashMap<>();
        skills.forEach((agent, skill) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("directional_calls", skill.directionalCalls());
            one.put("alpha", skill.alpha());
            one.put("beta", skill.beta());
            one.put("accuracy", skill.accuracy());
            one.put("log_odds", skill.logOdds());
            one.put("calibration", java.util.Arrays.stream(skill.calibrationMap()).boxed().toList());
            view.put(agent, one);
        });
        return view;
    }
}
