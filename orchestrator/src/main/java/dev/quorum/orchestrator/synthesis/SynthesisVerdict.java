package dev.quorum.orchestrator.synthesis;

import dev.quorum.agents.signal.SignalBackend;
import dev.quorum.agents.signal.SignalTelemetry;
import dev.quorum.envelope.Verdict;

import java.time.Duration;
import java.util.List;

import java.util.Objects;

/**
 * A verdict with how sure it is and how it was reached.
 *
 * @param confidence in [0, 1]
 * @param reasoning  one or two sentences for the envelope's {@code synthesis.reasoning}
 * @param method     how it was reached (recorded in {@code meta.synthesis.method} as its {@link SynthesisMethod#wire()})
 * @param telemetry  the LLM call behind it (model, attempts, tokens, prompt), {@link #NO_MODEL} when none
 */
public record SynthesisVerdict(Verdict verdict, double confidence, String reasoning, SynthesisMethod method,
                               SignalTelemetry telemetry) {

    /** The telemetry of a synthesis that asked no model. */
    public static final SignalTelemetry NO_MODEL = new SignalTelemetry(SignalBackend.RULES, "", "", 0, List.of(), Duration.ZERO, 0, 0, "", "");

    /** A verdict reached without a model (rules, guard, review). */
    public SynthesisVerdict(Verdict verdict, double confidence, String reasoning, SynthesisMethod method) {
        this(verdict, confidence, reasoning, method, NO_MODEL);
    }

    public SynthesisVerdict {
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reasoning, "reasoning");
        Objects.requireNonNull(method, "method");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("synthesis confidence must be in [0, 1], was " + confidence);
        }
    }
}
