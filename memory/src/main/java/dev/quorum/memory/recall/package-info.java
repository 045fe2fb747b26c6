/**
 * Similar-outcome recall: situations whose outcomes have resolved are embedded and indexed; before a
 * decision the most similar ones known by its trade date come back as the short "similar past situations"
 * block agents and synthesis receive ({@code AgentInput.similarSituations}).
 *
 * <p>{@link dev.quorum.memory.recall.SituationMemory} is the concept; there are two stores behind it, Chroma
 * ({@link dev.quorum.memory.recall.ChromaSituationMemory}) and an embedded default persisted to a JSON file
 * ({@link dev.quorum.memory.recall.EmbeddedSituationMemory}) so Quorum runs with no server.
 * {@link dev.quorum.memory.recall.SituationMemories#open} builds the configured one inside a
 * {@link dev.quorum.memory.recall.ResilientSituationMemory}, which bounds every call in time and queues
 * failed indexing, so a decision is never blocked or lost because of recall.
 *
 * <p>{@link dev.quorum.memory.recall.OnnxRuntimeLibraries} keeps the in-process embedding's native libraries unpacked
 * in the state directory, so a start does not inflate them again.
 *
 * <p>No look-ahead: a situation is only ever indexed as a {@link dev.quorum.memory.recall.ResolvedSituation}
 * (its outcome is known) and a recall at date D filters on {@code known_at <= D} inside the store.
 */
package dev.quorum.memory.recall;
