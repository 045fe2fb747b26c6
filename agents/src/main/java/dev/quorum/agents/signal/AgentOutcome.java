package dev.quorum.agents.signal;

/**
 * What one agent produced for one (ticker, trade date): either a {@link AgentSignal} that votes,
 * or an {@link Abstention} that is excluded from the vote (never counted as NEUTRAL).
 */
public sealed interface AgentOutcome permits AgentSignal, Abstention {

    /** The agent's name in the roster, e.g. {@code technical}. */
    String agent();

    /** The agent's domain, e.g. {@code trend-momentum}. */
    String domain();

    /** How the outcome was obtained: model, attempts, latency, tokens, prompt. */
    SignalTelemetry telemetry();
}
