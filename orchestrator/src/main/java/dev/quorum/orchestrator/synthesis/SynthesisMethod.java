package dev.quorum.orchestrator.synthesis;

import java.util.Objects;

/**
 * How a synthesis verdict was reached: a {@link Step} that decided or held it, or the rules deciding because the LLM
 * synthesis failed ({@link RulesFallback}, with why). Quorum asks this type, never its text; {@link #wire()} is the
 * text the envelope records in {@code meta.synthesis.method} and the notes quote, the same strings as before it was
 * a type, so consumers reading that field see no change.
 */
public sealed interface SynthesisMethod permits SynthesisMethod.Step, SynthesisMethod.RulesFallback {

    /** The text in {@code meta.synthesis.method}. */
    String wire();

    /** A step that decided the verdict, or held or lowered the one before it. */
    enum Step implements SynthesisMethod {
        /** The rule synthesis ({@code synthesis.backend: rules}). */
        RULES("rules"),
        /** The LLM synthesis answered. */
        LLM("llm"),
        /** No quorum: nothing to synthesise, HOLD at confidence 0. */
        QUORUM_NOT_MET("quorum-not-met"),
        /** The ensemble guard refused a verdict against a strong score. */
        GUARD("guard"),
        /** The evidence bound held an action the score does not support. */
        BOUND("bound"),
        /** The peer review held or lowered it. */
        REVIEW("review"),
        /** Seed 000's absolute rule held an LLM action it did not reach. */
        ABSOLUTE_CONSENSUS("absolute-consensus"),
        /** The meta-learner's veto held it. */
        META_LEARNER("meta-learner");

        private final String wire;

        Step(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }

    /** The LLM synthesis failed (prompt unusable, every model failed) and the rules decided. */
    record RulesFallback(String reason) implements SynthesisMethod {

        public RulesFallback {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String wire() {
            return "rules-fallback: " + reason;
        }
    }
}
