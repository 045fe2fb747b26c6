package dev.quorum.memory.recall;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Test situations with recognisably different setups, and the shared in-process embedding model. */
final class Situations {

    private static EmbeddingModel model;

    private Situations() {
    }

    /** Loaded once per test JVM: the ONNX model takes about a second to load. */
    static synchronized EmbeddingModel embeddingModel() {
        if (model == null) {
            model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        }
        return model;
    }

    static Situation rally(String ticker, LocalDate date) {
        return new Situation(ticker, date, Map.of("regime", "bull", "return_20d", 0.12, "rsi_14", 74.0,
                "price_vs_sma_200", 0.25, "vix_level", 13.5),
                List.of(new AgentCall("technical", Direction.BULLISH, 0.8), new AgentCall("risk", Direction.NEUTRAL, 0.5)));
    }

    static Situation crash(String ticker, LocalDate date) {
        return new Situation(ticker, date, Map.of("regime", "high-volatility", "return_20d", -0.18, "rsi_14", 22.0,
                "price_vs_sma_200", -0.15, "vix_level", 38.0),
                List.of(new AgentCall("technical", Direction.BEARISH, 0.9), new AgentCall("risk", Direction.BEARISH, 0.85)));
    }

    /** Resolved five sessions (a week) after its trade date. */
    static ResolvedSituation resolved(String id, Situation situation, Verdict verdict, double realisedReturn) {
        return resolvedAt(id, situation, verdict, realisedReturn, situation.tradeDate().plusDays(7));
    }

    static ResolvedSituation resolvedAt(String id, Situation situation, Verdict verdict, double realisedReturn,
                                        LocalDate knownAt) {
        return new ResolvedSituation(id, situation, verdict, knownAt, realisedReturn,
                OutcomeLabel.of(verdict, realisedReturn, 0.005));
    }
}
