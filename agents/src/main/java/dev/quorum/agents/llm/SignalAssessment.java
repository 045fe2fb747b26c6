package dev.quorum.agents.llm;

import dev.quorum.envelope.Direction;

import java.util.List;

/** A specialist's validated answer: what {@link SignalAssessmentOutput} parses from a model's reply. */
public record SignalAssessment(Direction signal, double confidence, String summary, List<String> keyFactors) {

    public SignalAssessment {
        keyFactors = List.copyOf(keyFactors);
    }
}
