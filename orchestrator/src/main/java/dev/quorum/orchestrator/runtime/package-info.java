/**
 * The composition root: {@link dev.quorum.orchestrator.runtime.QuorumRuntime} builds every component of a Quorum
 * process from a validated {@link dev.quorum.orchestrator.config.QuorumConfig} and closes them in reverse order.
 * What lives where:
 * <ul>
 *   <li>{@code QuorumRuntime}: the assembly, read top to bottom; says what each role ({@code all}, {@code scheduler},
 *       {@code worker}) has, builds the decision cycle and the readiness checks from the concerns below;</li>
 *   <li>one factory per concern, each a record whose {@code open} builds it: {@code MarketDataParts} (price files,
 *       staleness), {@code PublishingParts} (Redis, the outbox and its publisher), {@code MemoryParts} (SQLite store,
 *       trust ledger, meta-learner, recall), {@code LearningParts} (outcomes, training, and what the cycle reads of
 *       what was learnt: here, or from the scheduler through Redis), {@code PanelParts} (agents, the model chain
 *       built once, the synthesis);</li>
 *   <li>{@code Resources}: what was opened, closed in reverse; {@code DataDirLock}: the one writer of a data
 *       directory; {@code MetaLearnerTraining}: the meta-learner's training on each resolved outcome;
 *       {@code ApiWiring}: the HTTP API's reads and actions on a runtime;</li>
 *   <li>{@code RoleWork}: what each {@code serve} role runs on top of its runtime, one assembly per role: the
 *       schedule ({@code all}), the job scheduling and the envelope learner ({@code scheduler}), the job worker
 *       ({@code worker}); the pieces themselves live in {@link dev.quorum.orchestrator.scaleout}.</li>
 * </ul>
 */
package dev.quorum.orchestrator.runtime;
