/**
 * Seed 003's model federation outputs: each decision's consensus and the trust weights written under the seed's
 * {@code quantum:*} Redis keys beside the envelope, so the seed's consumers (its AI engine health endpoint, its
 * dashboards) read Quorum as they read the seed. The envelope stream stays the contract; these keys are a mirror.
 */
package dev.quorum.orchestrator.federation;
