package dev.quorum.orchestrator.cycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.agents.AgentInput;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.json.Json;
import dev.quorum.agents.signal.Abstention;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.SignalBackend;
import dev.quorum.agents.signal.SignalTelemetry;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.SourceMetrics;
import dev.quorum.memory.trust.AgentSkill;
import dev.quorum.orchestrator.consensus.ConsensusResult;
import dev.quorum.orchestrator.review.ReviewResult;
import dev.quorum.orchestrator.synthesis.EnsembleGuard;
import dev.quorum.orchestrator.synthesis.RuleSynthesis;
import dev.quorum.orchestrator.synthesis.SynthesisVerdict;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * What one decision records in the envelope's {@code meta} (beyond the builder's {@code agents_count} and
 * {@code model_used}) and {@code source_metrics}, computed from what really happened:
 * <ul>
 *   <li>{@code models}: agent to the model that answered (or its backend: {@code rules}, {@code abstained});</li>
 *   <li>{@code prompt_hashes}: prompt id to SHA-256 of the template used;</li>
 *   <li>{@code trust_weights}, {@code agreement}, {@code leading}, {@code vote_distribution};</li>
 *   <li>{@code abstentions}: agent, category, reason;</li>
 *   <li>{@code calibrated_probability}: per directional voter, the probability its call is right given its stated
 *       confidence, from its calibration map as of the decision ({@code AgentSkill}); absent where nothing learns;</li>
 *   <li>{@code pooling} ({@code calibrated} or {@code stated}) and {@code pooled_confidence}: per voter, the
 *       confidence its vote counted with, so that {@code ensemble_score = sum(sign x trust_weight x pooled_confidence)
 *       / sum(trust_weight)} can be recomputed from the envelope;</li>
 *   <li>{@code fallback_paths}: agent (and {@code synthesis}) to every (endpoint, model) it tried, in order, with what
 *       each did ({@code ... -> 503 server busy: ...; then circuit open, not called (1 attempt)}); only roles that
 *       asked a model;</li>
 *   <li>{@code meta_learner_prediction}: predicted return, or null when no meta-learner ran;
 *       {@code meta_learner_role}: whether it may move the decision and why ({@link MetaLearnerRole});</li>
 *   <li>{@code llm}: calls, prompt and completion tokens, the budget's limits;</li>
 *   <li>{@code synthesis} (method, the verdict proposed before guard and review, and {@code bound}: what the evidence
 *       bound did to it, null when nothing: {@link RuleSynthesis#bound}), {@code guard}, {@code review}
 *       ({@code status} APPROVED/CAUTION/REJECTED/NOT_REVIEWED, {@code note}, {@code reviewers} [{@code agent},
 *       {@code view}, {@code confidence}, {@code approves}], {@code size_factor});</li>
 *   <li>{@code degraded}: every reason the decision is weaker than a full panel's (empty list when it is not).</li>
 * </ul>
 * {@code source_metrics} counts the calls of the decision by source: {@code market_data} (1), {@code recall}
 * (1 when enabled), {@code ollama} (every LLM attempt), {@code rules} (rules answers); {@code total_bytes} is the
 * size of the input the agents were given (features, headlines and recall block, as UTF-8 JSON).
 */
final class DecisionMeta {

    private static final ObjectMapper JSON = Json.MAPPER;

    private final List<AgentOutcome> outcomes;
    private final ConsensusResult consensus;
    private final SynthesisVerdict proposed;
    private final EnsembleGuard.Guarded guarded;
    private final RuleSynthesis.Bounded bounded;
    private final ReviewResult review;
    private final OptionalDouble prediction;
    private final DecisionBudget budget;
    private final boolean recallQueried;
    private final String recallBlock;
    private final List<String> degraded;
    private final Map<String, AgentSkill> skills;
    private final MetaLearnerRole role;

    DecisionMeta(List<AgentOutcome> outcomes, ConsensusResult consensus, SynthesisVerdict proposed,
                 EnsembleGuard.Guarded guarded, RuleSynthesis.Bounded bounded, ReviewResult review, OptionalDouble prediction,
                 DecisionBudget budget, boolean recallQueried, String recallBlock, List<String> degraded,
                 Map<String, AgentSkill> skills, MetaLearnerRole role) {
        this.skills = skills;
        this.role = role;
        this.outcomes = outcomes;
        this.consensus = consensus;
        this.proposed = proposed;
        this.guarded = guarded;
        this.bounded = bounded;
        this.review = review;
        this.prediction = prediction;
        this.budget = budget;
        this.recallQueried = recallQueried;
        this.recallBlock = recallBlock;
        this.degraded = degraded;
        // When the quorum was not met, the consensus's note already names every abstention: list each once.
        if (consensus.quorumMet()) {
            for (Abstention a : consensus.abstentions()) {
                degraded.add("abstained: " + a.agent() + " (" + lower(a.category().name()) + ")");
            }
        }
        for (AgentOutcome o : outcomes) {
            if (o.telemetry().backend() == SignalBackend.RULES_FALLBACK) {
                degraded.add("rules fallback: " + o.agent());
            }
        }
    }

    /** The models that answered, most frequent first, comma-separated; {@code rules} when only rules answered. */
    String modelUsed() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (AgentOutcome o : outcomes) {
            if (o instanceof AgentSignal) {
                counts.merge(answeredBy(o.telemetry()), 1, Integer::sum);
            }
        }
        if (!proposed.telemetry().model().isEmpty()) {
            counts.merge(proposed.telemetry().model(), 1, Integer::sum);
        }
        if (counts.isEmpty()) {
            return "none";
        }
        return String.join(",", counts.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue()).map(Map.Entry::getKey).toList());
    }

    private static String answeredBy(SignalTelemetry t) {
        return t.model().isEmpty() ? t.backend().wire() : t.model();
    }

    Map<String, String> promptHashes() {
        Map<String, String> hashes = new TreeMap<>();
        for (SignalTelemetry t : allTelemetry()) {
            if (!t.promptId().isEmpty() && !t.promptHash().isEmpty()) {
                hashes.put(t.promptId(), t.promptHash());
            }
        }
        return hashes;
    }

    /** The agents' telemetry and the synthesis's. */
    private List<SignalTelemetry> allTelemetry() {
        List<SignalTelemetry> all = new ArrayList<>();
        outcomes.forEach(o -> all.add(o.telemetry()));
        all.add(proposed.telemetry());
        return all;
    }

    Map<String, Object> entries() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("panel_size", outcomes.size());
        Map<String, String> models = new LinkedHashMap<>();
        for (AgentOutcome o : outcomes) {
            models.put(o.agent(), o instanceof Abstention ? "abstained" : answeredBy(o.telemetry()));
        }
        models.put("synthesis", proposed.telemetry().model().isEmpty() ? "rules" : proposed.telemetry().model());
        meta.put("models", models);
        meta.put("prompt_hashes", promptHashes());
        meta.put("trust_weights", consensus.trustWeights());
        meta.put("agreement", consensus.agreement());
        meta.put("leading", consensus.leading().name());
        Map<String, Object> distribution = new LinkedHashMap<>();
        for (Direction d : Direction.values()) {
            var share = consensus.distribution().get(d);
            // Ordered maps, not Map.of: its iteration order changes from JVM to JVM, and so did these bytes on the wire.
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("agents", share.agents());
            one.put("strength_share", share.strengthShare());
            distribution.put(d.name(), one);
        }
        meta.put("vote_distribution", distribution);
        meta.put("quorum", consensus.quorum());
        List<Map<String, String>> abstentions = new ArrayList<>();
        for (Abstention a : consensus.abstentions()) {
            Map<String, String> one = new LinkedHashMap<>();
            one.put("agent", a.agent());
            one.put("category", lower(a.category().name()));
            one.put("reason", a.reason());
            abstentions.add(one);
        }
        meta.put("abstentions", abstentions);
        if (!skills.isEmpty()) {
            Map<String, Double> calibrated = new LinkedHashMap<>();
            for (var vote : consensus.votes()) {
                if (vote.direction() != Direction.NEUTRAL) {
                    calibrated.put(vote.agent(), skills.getOrDefault(vote.agent(), AgentSkill.none(vote.agent()))
                            .calibrated(vote.stated()));
                }
            }
            meta.put("calibrated_probability", calibrated);
        }
        meta.put("pooling", consensus.pooling().configName());
        Map<String, Double> pooled = new LinkedHashMap<>();
        consensus.votes().forEach(vote -> pooled.put(vote.agent(), vote.confidence()));
        meta.put("pooled_confidence", pooled);
        Map<String, List<String>> fallbackPaths = new LinkedHashMap<>();
        for (AgentOutcome o : outcomes) {
            if (!o.telemetry().fallbackPath().isEmpty()) {
                fallbackPaths.put(o.agent(), o.telemetry().fallbackPath());
            }
        }
        if (!proposed.telemetry().fallbackPath().isEmpty()) {
            fallbackPaths.put("synthesis", proposed.telemetry().fallbackPath());
        }
        meta.put("fallback_paths", fallbackPaths);
        meta.put("meta_learner_prediction", prediction.isPresent() ? prediction.getAsDouble() : null);
        meta.put("meta_learner_role", role.description());
        long promptTokens = 0;
        long completionTokens = 0;
        for (SignalTelemetry t : allTelemetry()) {
            promptTokens += t.promptTokens();
            completionTokens += t.completionTokens();
        }
        Map<String, Object> llm = new LinkedHashMap<>();
        llm.put("calls", budget.callsTaken());
        llm.put("max_calls", budget.maxCalls());
        llm.put("prompt_tokens", promptTokens);
        llm.put("completion_tokens", completionTokens);
        meta.put("llm", llm);
        Map<String, Object> synthesis = new LinkedHashMap<>();
        synthesis.put("method", proposed.method().wire());
        synthesis.put("proposed_verdict", proposed.verdict().name());
        synthesis.put("proposed_confidence", proposed.confidence());
        synthesis.put("bound", bounded.note().orElse(null));
        meta.put("synthesis", synthesis);
        meta.put("guard", guarded.veto().orElse(null));
        Map<String, Object> reviewed = new LinkedHashMap<>();
        reviewed.put("status", review.status().name());
        reviewed.put("note", review.note());
        reviewed.put("reviewers", review.reviews().stream().map(r -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("agent", r.agent());
            one.put("view", r.view());
            one.put("confidence", r.confidence());
            one.put("approves", r.approves());
            return one;
        }).toList());
        // Read by the trader (review.caution: size); 1 leaves the position as the confidence sizes it.
        reviewed.put("size_factor", review.sizeFactor());
        meta.put("review", reviewed);
        meta.put("recall_found", !recallBlock.isEmpty());
        meta.put("degraded", List.copyOf(degraded));
        return meta;
    }

    SourceMetrics sourceMetrics(AgentInput input) {
        Map<String, Long> bySource = new LinkedHashMap<>();
        long successful = 1;
        long failed = 0;
        bySource.put("market_data", 1L);
        if (recallQueried) {
            bySource.put("recall", 1L);
            successful++;
        }
        long ollamaCalls = 0;
        long rulesCalls = 0;
        for (AgentOutcome o : outcomes) {
            SignalTelemetry t = o.telemetry();
            ollamaCalls += t.attempts();
            boolean answeredByModel = o instanceof AgentSignal && !t.model().isEmpty();
            if (answeredByModel) {
                successful++;
                failed += Math.max(0, t.attempts() - 1);
            } else {
                failed += t.attempts();
            }
            if (o instanceof AgentSignal && t.model().isEmpty()) {
                rulesCalls++;
                successful++;
            }
        }
        SignalTelemetry synthesis = proposed.telemetry();
        ollamaCalls += synthesis.attempts();
        if (!synthesis.model().isEmpty()) {
            successful++;
            failed += Math.max(0, synthesis.attempts() - 1);
        } else {
            failed += synthesis.attempts();
        }
        if (ollamaCalls > 0) {
            bySource.put("ollama", ollamaCalls);
        }
        if (rulesCalls > 0) {
            bySource.put("rules", rulesCalls);
        }
        long total = bySource.values().stream().mapToLong(Long::longValue).sum();
        return new SourceMetrics(total, successful, failed, inputBytes(input), bySource);
    }

    private static long inputBytes(AgentInput input) {
        try {
            return JSON.writeValueAsString(Map.of("features", input.features(), "headlines", input.headlines(),
                    "similar_situations", input.similarSituations())).getBytes(StandardCharsets.UTF_8).length;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("agent input cannot be measured", e);
        }
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
