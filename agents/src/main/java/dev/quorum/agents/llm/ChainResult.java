package dev.quorum.agents.llm;

import dev.quorum.agents.signal.ErrorCategory;

import java.util.Objects;

/** The outcome of one structured call: a validated value, or the failure that ended the chain. */
public sealed interface ChainResult<T> permits ChainResult.Answered, ChainResult.Failed {

    CallTelemetry telemetry();

    /** A target returned a valid output. */
    record Answered<T>(T value, CallTelemetry telemetry) implements ChainResult<T> {
        public Answered {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(telemetry, "telemetry");
        }
    }

    /**
     * Every target failed, or the budget ran out.
     *
     * @param lastFailure what ended the last target tried; it decides the category
     * @param reason      one line for operators, naming the last target and what it did
     */
    record Failed<T>(FailureKind lastFailure, String reason, CallTelemetry telemetry) implements ChainResult<T> {
        public Failed {
            Objects.requireNonNull(lastFailure, "lastFailure");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(telemetry, "telemetry");
        }

        public ErrorCategory category() {
            return lastFailure.category();
        }
    }
}
