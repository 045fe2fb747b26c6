package dev.quorum.orchestrator.health;

/**
 * One dependency's check. Implementations bound their own time and never throw ({@link Readiness} bounds each
 * again, for one that hangs anyway).
 */
public interface ReadinessCheck {

    /** e.g. {@code redis}, {@code ollama:local} */
    String name();

    /**
     * Whether Quorum cannot decide without it (SQLite, the Ollama endpoints of LLM agents). A dependency it can do
     * without for a while (Redis: the outbox waits; Chroma: recall returns empty) only degrades readiness.
     */
    boolean required();

    CheckResult check();
}
