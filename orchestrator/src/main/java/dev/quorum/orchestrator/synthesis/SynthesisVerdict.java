package dev.quorum.orchestrator.synthesis;

import dev.quorum.envelope.Verdict;

import java.util.Objects;

/**
 * A verdict with how sure it is and how it was reached.
 *
 * @param confidence in [0, 1]
 * @param reasoning  one or two sentences for the envelope's {@code synthesis.reasoning}
 * @param method     how it was reached: {@code rules}, {@code llm}, {@code quorum-not-met}, {@code guard},
 *                   {@code review} (recorded in {@code meta})
 */
public record SynthesisVerdict(Verdict verdict, double confidence, String reasoning, String method) {

    public SynthesisVerdict {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reasoning, "reasoning");
        Objects.requireNonNull(method, "method");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("synthesis confidence must be in [0, 1], was " + confidence);
        }
    }
}
