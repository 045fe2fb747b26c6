/**
 * Wiring of similar-situation recall ({@code dev.quorum.memory.recall}) into the Quorum process: the
 * configuration mapping and the {@code bin/quorum recall} command.
 */
package dev.quorum.orchestrator.recall;
