/**
 * The composition root: {@link dev.quorum.orchestrator.runtime.QuorumRuntime} builds every component of a Quorum
 * process from a validated {@link dev.quorum.orchestrator.config.QuorumConfig} and closes them in reverse order;
 * {@link dev.quorum.orchestrator.runtime.DaemonThreads} names the background threads they run on.
 */
package dev.quorum.orchestrator.runtime;
