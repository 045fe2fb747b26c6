package dev.quorum.agents.llm;

import java.util.Objects;

/**
 * What happened on one target of the chain during one call.
 *
 * @param attempts HTTP calls made to it (0 when it was skipped: circuit open, model not pulled, budget spent)
 * @param failure  why the chain moved on; {@code null} when this target answered
 * @param detail   the error text or the validation message, for operators
 */
public record ChainStep(ModelTarget target, int attempts, FailureKind failure, String detail) {

    public ChainStep {
        Objects.requireNonNull(target, "target");
        detail = detail == null ? "" : detail;
    }

    public boolean answered() {
        return failure == null;
    }

    /** E.g. {@code http://127.0.0.1:11434|qwen2.5:7b -> 404 model not found (1 attempt)}. */
    @Override
    public String toString() {
        String outcome = answered() ? "ok" : failure.label() + (detail.isEmpty() ? "" : ": " + detail);
        return target.id() + " -> " + outcome + " (" + attempts + (attempts == 1 ? " attempt)" : " attempts)");
    }
}
