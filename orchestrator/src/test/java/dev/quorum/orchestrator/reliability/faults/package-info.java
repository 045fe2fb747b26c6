/**
 * The fault matrix: real cycles while Ollama, Redis, Chroma, SQLite or the process itself fail, each asserting
 * decisions made or correctly degraded, every decision published exactly once per correlation id after dedupe,
 * nothing lost from SQLite, and a healthy service afterwards.
 */
package dev.quorum.orchestrator.reliability.faults;
