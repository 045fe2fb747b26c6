package dev.quorum.envelope.publish;

import dev.quorum.envelope.Decision;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.json.PythonDateTime;
import dev.quorum.envelope.json.PythonFloat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of the per-(ticker, trade date) decision hash, as the seed's {@code publish_decision_hash} writes
 * them: numbers as Python's {@code str(float)}, {@code published_at} as {@code datetime.isoformat()}.
 */
public final class DecisionHashFields {

    private DecisionHashFields() {
    }

    /** @param json the envelope's wire JSON, stored whole in the {@code json} field */
    public static Map<String, String> of(TradingIntelligenceEnvelope envelope, String json) {
        Decision decision = envelope.decision();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("json", json);
        fields.put("ticker", decision.target().ticker());
        fields.put("trade_date", decision.target().tradeDate());
        fields.put("verdict", decision.synthesis().verdict().name());
        fields.put("confidence", PythonFloat.repr(decision.synthesis().confidence()));
        fields.put("ensemble_score", PythonFloat.repr(decision.synthesis().ensembleScore()));
        fields.put("published_at", PythonDateTime.isoformat(envelope.publishedAt()));
        fields.put("correlation_id", envelope.correlationId());
        fields.put("arena_id", envelope.arenaId());
        return fields;
    }
}
