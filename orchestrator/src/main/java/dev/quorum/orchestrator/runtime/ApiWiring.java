package dev.quorum.orchestrator.runtime;

import dev.quorum.orchestrator.backtest.BacktestLedger;
import dev.quorum.orchestrator.scaleout.Role;
import dev.quorum.memory.outcomes.OutcomeRejectedException;
import dev.quorum.memory.outcomes.ResolvedOutcome;
import dev.quorum.orchestrator.health.Readiness;
import dev.quorum.memory.store.DashboardQueries;
import dev.quorum.memory.store.DecisionStore;
import dev.quorum.memory.store.DecisionSummary;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.orchestrator.http.AgentTrackRecord;
import dev.quorum.orchestrator.http.ApiBackends;
import dev.quorum.orchestrator.http.DashboardViews;
import dev.quorum.orchestrator.http.ApiException;
import dev.quorum.orchestrator.http.ApiViews;
import dev.quorum.orchestrator.http.JsonAction;
import dev.quorum.orchestrator.http.JsonQuery;
import dev.quorum.orchestrator.http.SeedAgentAliases;
import dev.quorum.memory.store.AgentErrorLog;
import dev.quorum.memory.store.ErrorPattern;
import dev.quorum.orchestrator.config.KnownAgents;
import dev.quorum.orchestrator.http.JsonView;
import dev.quorum.orchestrator.service.Engine;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Map;
import java.util.Optional;

/** Connects the HTTP API to a runtime's components: trust weights, meta-learner, feedback, stored decisions. */
public final class ApiWiring {

    private static final int LATEST_DECISIONS = 50;

    private ApiWiring() {
    }

    public static ApiBackends backends(QuorumRuntime runtime, Engine engine, Readiness readiness,
                                       PrometheusMeterRegistry metrics) {
        JsonView weights = () -> Map.of("policy", runtime.trust().policy().name(),
                "weights", runtime.trust().currentWeights(), "skills", ApiViews.skills(runtime.trust().skills()));
        JsonView learning = () -> ApiViews.learning(runtime.metaLearner().status(), runtime.trust().currentWeights());
        JsonView decisions = () -> runtime.store().latest(LATEST_DECISIONS).stream().map(ApiViews::stored).toList();
        // A worker's weights come from the scheduler's learner: an outcome recorded here would fork them.
        JsonAction feedback = runtime.role() == Role.WORKER ? body -> {
            throw ApiException.unavailable("this process is a worker: outcomes are learned by the scheduler (serve --role "
                    + "scheduler); send feedback to the scheduler's API");
        } : body -> {
            try {
                ResolvedOutcome outcome = runtime.outcomes().recordFeedback(body.toString());
                MetaLearnerTraining.Result trained = runtime.training().take(outcome.correlationId())
                        .orElse(MetaLearnerTraining.Result.NOTHING_TO_LEARN);
                return ApiViews.outcome(outcome, trained.status(), trained.step(), trained.error());
            } catch (OutcomeRejectedException e) {
                throw refusal(e);
            }
        };
        // Seed 001's callers name agents their way (TechnicalAgent): read through the configured alias table.
        SeedAgentAliases aliases = new SeedAgentAliases(runtime.config().seedApi().agentAliases());
        JsonAction seedNamedFeedback = body -> feedback.apply(aliases.apply(body));
        AgentErrorLog errorLog = new AgentErrorLog(runtime.database());
        JsonQuery errors = query -> {
            Optional<String> agent = Optional.ofNullable(query.get("agent")).filter(a -> !a.isBlank());
            // A misspelt agent is a 400 naming the known ones, as `errors --agent` refuses it: an empty list would
            // read as a clean record.
            agent.ifPresent(a -> KnownAgents.check(a, runtime.config(), errorLog.patterns(Optional.empty(), Optional.empty())
                    .stream().map(ErrorPattern::agent).toList()));
            return ApiViews.errorPatterns(errorLog.patterns(agent,
                    Optional.ofNullable(query.get("since")).filter(s -> !s.isBlank()).map(AgentErrorLog::since)));
        };
        return new ApiBackends(Optional.of(engine), Optional.of(seedNamedFeedback), Optional.of(weights), Optional.of(learning),
                Optional.of(decisions), readiness, metrics, Optional.of(errors),
                Optional.of(ApiViews.performance(new BacktestLedger(runtime.database()))), dashboard(runtime.store(), runtime.database()));
    }

    /** The drill-down, the agents' track record and the stream tail: reads of the SQLite system of record. */
    public static DashboardViews dashboard(DecisionStore store, QuorumDatabase database) {
        DashboardQueries queries = new DashboardQueries(database);
        JsonQuery decision = query -> {
            String id = query.get("correlation_id");
            DecisionSummary summary = store.find(id).orElseThrow(() -> ApiException.notFound("no decision " + id));
            String envelope = store.envelope(id).orElseThrow(() -> ApiException.notFound("no decision " + id));
            return ApiViews.drillDown(summary, envelope, store.inputs(id), queries.callOutcomes(id));
        };
        JsonView trackRecord = () -> AgentTrackRecord.view(queries.directionalCalls());
        JsonQuery streamTail = query -> ApiViews.streamTail(queries.streamTail(
                number(query, "after", 0, Long.MAX_VALUE, 0), (int) number(query, "limit", 1, DashboardQueries.MAX_TAIL, 20)));
        return new DashboardViews(Optional.of(decision), Optional.of(trackRecord), Optional.of(streamTail));
    }

    /** A whole-number query parameter within [min, max], {@code absent} when not given; 400 naming it otherwise. */
    private static long number(Map<String, String> query, String name, long min, long max, long absent) {
        String raw = query.get(name);
        if (raw == null || raw.isBlank()) {
            return absent;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, with the range
        }
        throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max + ", was '" + raw + "'");
    }

    /** Unknown decision: 404; a second outcome for it: 409; anything else wrong in the payload: 400. */
    private static ApiException refusal(OutcomeRejectedException e) {
        return switch (e.reason()) {
            case UNKNOWN_DECISION -> ApiException.notFound(e.getMessage());
            case ALREADY_RESOLVED -> ApiException.conflict(e.getMessage());
            case INVALID -> ApiException.badRequest(e.getMessage());
        };
    }
}
