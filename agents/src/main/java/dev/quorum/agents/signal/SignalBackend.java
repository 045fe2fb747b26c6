package dev.quorum.agents.signal;

/**
 * What produced an agent's outcome. Inside Quorum it is this type; its {@link #wire()} text is what the
 * {@code agent_signals.backend} column, {@code bin/quorum agents} and the envelope's {@code meta.models} show, and
 * it is unchanged from when the backend was a string, so stored rows and consumers read the same words.
 */
public enum SignalBackend {
    /** A model served by Ollama answered. */
    OLLAMA("ollama"),
    /** The deterministic rules agent answered (it was configured). */
    RULES("rules"),
    /** Every model failed and the rules answered instead, because the configuration asked for that. */
    RULES_FALLBACK("rules-fallback"),
    /** A federated model published its signal to Redis (seed 001's model signals). */
    REDIS("redis"),
    /** A stored vote replayed by the backtest's weighting policies; no agent ran. */
    REPLAY("replay"),
    /** The orchestrator itself, when it recorded an outcome no agent produced (e.g. an agent that never answered). */
    ORCHESTRATOR("orchestrator");

    private final String wire;

    SignalBackend(String wire) {
        this.wire = wire;
    }

    /** The backend's name where it leaves Java: the database column, the CLI and the envelope. */
    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire;
    }
}
