/**
 * The seed 001 meta-learner: a small online neural network that predicts a decision's realised return from
 * the panel's votes (per agent: signal, confidence, trust weight) and learns from every resolved outcome.
 * Its prediction is recorded with each decision so its skill can be measured before anyone acts on it.
 *
 * <p>Written by hand in plain Java (no ML dependency): {@link dev.quorum.memory.metalearner.MetaLearner} is
 * the entry point; the network, its backpropagation (proved by a central-difference gradient check test),
 * the Adam optimiser, checkpoints and the training log are package-private details.
 */
package dev.quorum.memory.metalearner;
