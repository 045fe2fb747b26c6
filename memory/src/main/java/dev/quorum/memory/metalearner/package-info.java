/**
 * The seed 001 meta-learner: a small online neural network that predicts a decision's realised return from
 * the panel's votes (per agent: signal, confidence, trust weight) and learns from every resolved outcome.
 * Its prediction is recorded with each decision so its skill can be measured before anyone acts on it.
 * The input has one slot per panel agent, or seed 001's 27 features (9 slots, zero-padded:
 * {@link dev.quorum.memory.metalearner.AgentRoster#seedLayout}); each step also logs the seed's {@code agent_votes}
 * and {@code hold_duration}, and the seed's tables are views ({@code metalearner_training_history},
 * {@code metalearner_weights}).
 *
 * <p>Written by hand in plain Java (no ML dependency): {@link dev.quorum.memory.metalearner.MetaLearner} is
 * the entry point; the network, its backpropagation (proved by a central-difference gradient check test),
 * the Adam optimiser, checkpoints and the training log are package-private details.
 */
package dev.quorum.memory.metalearner;
