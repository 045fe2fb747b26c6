package dev.quorum.orchestrator.synthesis;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SynthesisMethodTest {

    @Test
    void should_record_every_step_under_the_text_consumers_already_read() {
        // The strings meta.synthesis.method carried when the method was a string: consumers match on them.
        Map<SynthesisMethod.Step, String> expected = new LinkedHashMap<>();
        expected.put(SynthesisMethod.Step.RULES, "rules");
        expected.put(SynthesisMethod.Step.LLM, "llm");
        expected.put(SynthesisMethod.Step.QUORUM_NOT_MET, "quorum-not-met");
        expected.put(SynthesisMethod.Step.GUARD, "guard");
        expected.put(SynthesisMethod.Step.BOUND, "bound");
        expected.put(SynthesisMethod.Step.REVIEW, "review");
        expected.put(SynthesisMethod.Step.ABSOLUTE_CONSENSUS, "absolute-consensus");
        expected.put(SynthesisMethod.Step.META_LEARNER, "meta-learner");

        Map<SynthesisMethod.Step, String> actual = new LinkedHashMap<>();
        Arrays.stream(SynthesisMethod.Step.values()).forEach(step -> actual.put(step, step.wire()));
        assertEquals(expected, actual);
    }

    @Test
    void should_record_a_rules_fallback_with_its_reason() {
        SynthesisMethod fallback = new SynthesisMethod.RulesFallback("every model failed: timeout");
        assertEquals("rules-fallback: every model failed: timeout", fallback.wire());
    }
}
