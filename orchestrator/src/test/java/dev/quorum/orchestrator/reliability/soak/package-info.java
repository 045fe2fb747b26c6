/**
 * The seeded soak: thousands of decisions with random faults, nothing lost, memory at start and end.
 */
package dev.quorum.orchestrator.reliability.soak;
