/**
 * Readiness: whether the servers Quorum depends on answer (Ollama, Redis, Chroma, the SQLite file), each checked
 * with a short bounded timeout, for {@code GET /health}.
 */
package dev.quorum.orchestrator.health;
