package dev.quorum.orchestrator.scaleout;

import dev.quorum.agents.AgentInput;
import dev.quorum.agents.features.AgentInputs;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.SignalBackend;
import dev.quorum.agents.signal.SignalTelemetry;
import dev.quorum.envelope.AgentSignalView;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.json.EnvelopeJson;
import dev.quorum.memory.store.AgentRun;
import dev.quorum.memory.store.DecisionRecord;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Turns a published envelope back into the {@link DecisionRecord} the learner stores: the votes, the trust weight
 * each carried (meta.trust_weights), the prompt hashes and the meta-learner's prediction, all from the envelope;
 * the agents' inputs are recomputed from the market data as of the trade date, which gives exactly what the
 * worker computed (the snapshots are point-in-time). Abstentions are not votes and are not carried over.
 */
public final class PublishedDecisions {

    private final AgentInputs inputs;

    public PublishedDecisions(AgentInputs inputs) {
        this.inputs = inputs;
    }

    /** @throws IllegalArgumentException when the envelope names no ticker or its trade date is not a date */
    public DecisionRecord record(TradingIntelligenceEnvelope envelope) {
        String ticker = envelope.decision().target().ticker();
        if (ticker.isEmpty()) {
            throw new IllegalArgumentException("envelope " + envelope.correlationId() + " names no ticker");
        }
        LocalDate tradeDate = LocalDate.parse(envelope.decision().target().tradeDate());
        AgentInput input = inputs.forDecision(ticker, tradeDate);
        Map<String, Object> meta = envelope.meta();
        Map<String, Object> weights = map(meta.get("trust_weights"));
        Map<String, Object> models = map(meta.get("models"));
        List<AgentRun> runs = new ArrayList<>();
        for (AgentSignalView view : envelope.decision().agentSignals()) {
            String model = String.valueOf(models.getOrDefault(view.agent(), ""));
            SignalTelemetry telemetry = new SignalTelemetry("rules".equals(model) ? SignalBackend.RULES : SignalBackend.OLLAMA,
                    "rules".equals(model) ? "" : model, "", 0, List.of(), Duration.ZERO, 0, 0, "", "");
            AgentSignal signal = new AgentSignal(view.agent(), view.domain(), view.signal(), view.confidence(),
                    view.summary(), view.keyFactors(), telemetry);
            double weight = weights.get(view.agent()) instanceof Number n ? n.doubleValue() : 1.0;
            runs.add(new AgentRun(signal, input, weight));
        }
        Map<String, String> promptHashes = new LinkedHashMap<>();
        map(meta.get("prompt_hashes")).forEach((id, hash) -> promptHashes.put(id, String.valueOf(hash)));
        OptionalDouble prediction = meta.get("meta_learner_prediction") instanceof Number n
                ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
        var synthesis = envelope.decision().synthesis();
        return new DecisionRecord(envelope.correlationId(), ticker, tradeDate, synthesis.verdict(),
                synthesis.confidence(), synthesis.ensembleScore(), EnvelopeJson.encode(envelope), promptHashes,
                prediction, runs, List.of(), envelope.publishedAt(), Boolean.TRUE.equals(meta.get("provisional")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
