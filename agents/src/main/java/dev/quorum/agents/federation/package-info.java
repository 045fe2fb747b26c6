/**
 * External models as panel members (seed 003's model federation): a quant's model (XGBoost, PatchTST, N-HiTS...)
 * writes its latest call to {@code quantum:model:{model}:signal} and a {@link dev.quorum.agents.federation.ModelSignalAgent}
 * reads it as the panel's vote, so the model is fused, weighted and learns trust exactly like an LLM or rules agent.
 * A missing, malformed or stale signal is an abstention with its reason, never a NEUTRAL vote; so is one proposed
 * outside seed 000's {@link dev.quorum.agents.federation.ConsensusWindow} of the newest federated signal.
 */
package dev.quorum.agents.federation;
