/** What an agent produces: a validated {@link dev.quorum.agents.signal.AgentSignal} or an {@link dev.quorum.agents.signal.Abstention}, each with its telemetry. */
package dev.quorum.agents.signal;
