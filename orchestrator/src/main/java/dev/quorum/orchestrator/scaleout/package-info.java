/**
 * Several Quorum processes on several machines, with Redis (already there for the envelopes) as the only shared
 * piece. The scheduler enqueues one {@link dev.quorum.orchestrator.scaleout.DecisionJob} per (ticker, trade date)
 * on a job stream; workers take jobs through one consumer group, decide, store in their own SQLite, publish, and
 * only then acknowledge. A job is decided once: the {@link dev.quorum.orchestrator.scaleout.DecisionRegistry}
 * records which decision was published for each (ticker, trade date), and the publish step claims it first.
 * Learning has a single writer: the scheduler's {@link dev.quorum.orchestrator.scaleout.EnvelopeLearner} reads
 * every published envelope, resolves outcomes and moves the trust weights; workers read the weights from Redis.
 * A provisional decision (the models failed) does not count as decided: the worker holds its job and decides it
 * again, and the new decision supersedes it in the registry and in {@code meta.supersedes}.
 */
package dev.quorum.orchestrator.scaleout;
