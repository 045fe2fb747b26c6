package dev.quorum.agents.llm;

import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.envelope.Direction;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The specialists' output: {@code {"signal": "BULLISH|BEARISH|NEUTRAL", "confidence": 0..1,
 * "summary": "<= 300 chars", "key_factors": ["<= 10 short strings"]}}.
 */
public final class SignalAssessmentOutput implements StructuredOutput<SignalAssessment> {

    public static final SignalAssessmentOutput INSTANCE = new SignalAssessmentOutput();

    /** Per key factor: they are short phrases, and a long one means the model is rambling. */
    public static final int MAX_KEY_FACTOR_CHARS = 200;

    private static final Set<String> FIELDS = Set.of("signal", "confidence", "summary", "key_factors");

    private static final String SCHEMA = """
            {
              "type": "object",
              "properties": {
                "signal": {"type": "string", "enum": ["BULLISH", "BEARISH", "NEUTRAL"]},
                "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                "summary": {"type": "string", "minLength": 1, "maxLength": %d},
                "key_factors": {
                  "type": "array",
                  "maxItems": %d,
                  "items": {"type": "string", "minLength": 1, "maxLength": %d}
                }
              },
              "required": ["signal", "confidence", "summary", "key_factors"],
              "additionalProperties": false
            }
            """.formatted(AgentSignal.MAX_SUMMARY_CHARS, AgentSignal.MAX_KEY_FACTORS, MAX_KEY_FACTOR_CHARS);

    private SignalAssessmentOutput() {
    }

    @Override
    public String name() {
        return "agent-signal";
    }

    @Override
    public String jsonSchema() {
        return SCHEMA;
    }

    @Override
    public Map<String, List<String>> freeText(SignalAssessment value) {
        return Map.of("summary", List.of(value.summary()), "key_factors", value.keyFactors());
    }

    @Override
    public SignalAssessment parse(String content) throws InvalidOutputException {
        StrictJsonObject json = StrictJsonObject.parse(content, FIELDS);
        Direction signal = json.constant("signal", Direction.class);
        double confidence = json.number("confidence", 0.0, 1.0);
        String summary = json.text("summary", AgentSignal.MAX_SUMMARY_CHARS);
        List<String> keyFactors = json.texts("key_factors", AgentSignal.MAX_KEY_FACTORS, MAX_KEY_FACTOR_CHARS);
        json.requireValid();
        return new SignalAssessment(signal, confidence, summary, keyFactors);
    }
}
