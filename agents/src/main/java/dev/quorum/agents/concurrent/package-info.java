/**
 * What every package of agents, memory and the orchestrator uses for its background threads, depending on nothing of
 * Quorum: {@link dev.quorum.agents.concurrent.DaemonThreads}, the one daemon thread factory.
 */
package dev.quorum.agents.concurrent;
