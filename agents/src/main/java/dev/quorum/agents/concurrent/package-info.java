/**
 * What every orchestrator package may use for its background threads, and depends on nothing of Quorum:
 * {@link dev.quorum.orchestrator.concurrent.DaemonThreads}, the one daemon thread factory.
 */
package dev.quorum.orchestrator.concurrent;
