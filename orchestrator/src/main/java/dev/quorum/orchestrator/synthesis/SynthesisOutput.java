package dev.quorum.orchestrator.synthesis;

import dev.quorum.agents.llm.InvalidOutputException;
import dev.quorum.agents.llm.StrictJsonObject;
import dev.quorum.agents.llm.StructuredOutput;
import dev.quorum.envelope.Verdict;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The synthesis agent's structured output, {@code {"verdict": "BUY|HOLD|SELL", "confidence": 0..1,
 * "reasoning": "<= 500 chars"}}, validated as strictly as the specialists' (no repair, no coercion).
 */
final class SynthesisOutput implements StructuredOutput<SynthesisOutput.Answer> {

    static final SynthesisOutput INSTANCE = new SynthesisOutput();
    static final int MAX_REASONING_CHARS = 500;
    private static final Set<String> FIELDS = Set.of("verdict", "confidence", "reasoning");
    private static final String SCHEMA = """
            {
              "type": "object",
              "properties": {
                "verdict": {"type": "string", "enum": ["BUY", "HOLD", "SELL"]},
                "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                "reasoning": {"type": "string", "minLength": 1, "maxLength": %d}
              },
              "required": ["verdict", "confidence", "reasoning"],
              "additionalProperties": false
            }
            """.formatted(MAX_REASONING_CHARS);

    /** A validated answer. */
    record Answer(Verdict verdict, double confidence, String reasoning) {
    }

    private SynthesisOutput() {
    }

    @Override
    public String name() {
        return "synthesis";
    }

    @Override
    public String jsonSchema() {
        return SCHEMA;
    }

    @Override
    public Map<String, List<String>> freeText(Answer value) {
        return Map.of("reasoning", List.of(value.reasoning()));
    }

    @Override
    public Answer parse(String content) throws InvalidOutputException {
        StrictJsonObject json = StrictJsonObject.parse(content, FIELDS);
        Verdict verdict = json.constant("verdict", Verdict.class);
        double confidence = json.number("confidence", 0.0, 1.0);
        String reasoning = json.text("reasoning", MAX_REASONING_CHARS);
        json.requireValid();
        return new Answer(verdict, confidence, reasoning);
    }
}
