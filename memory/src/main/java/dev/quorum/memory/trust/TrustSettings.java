package dev.quorum.memory.trust;

import dev.quorum.envelope.Direction;

import java.util.Objects;

/**
 * How the trust ledger works.
 *
 * @param policy             the policy that moves the weights
 * @param snapshotEvery      a snapshot of all weights after every N recorded outcomes (1..1,000,000)
 * @param eventsKeptPerAgent 0 keeps every event (the default: the store deletes nothing on its own); otherwise at
 *                           least {@link #MIN_EVENTS_KEPT}, and older events of an agent beyond that count are pruned
 * @param updates            whose trust and performance an outcome moves
 */
public record TrustSettings(TrustPolicy policy, int snapshotEvery, int eventsKeptPerAgent, Updates updates) {

    /** Whose calls an outcome scores into the weights, {@code agent_performance} and {@code agent_skill}. */
    public enum Updates {
        /** Every agent that voted (abstentions never do): the default. */
        VOTERS,
        /**
         * Seed 000: only the agents that proposed the executed trade, i.e. voted BULLISH on a BUY or BEARISH on a SELL.
         * A HOLD executed nothing and moves no one; an agent that voted against the trade or NEUTRAL keeps its weight.
         * Their calls are still stored with the outcome.
         */
        PROPOSERS;

        /** Whether this call moves its agent's trust. */
        public boolean counts(ScoredCall call) {
            return this == VOTERS || (call.agreedWithVerdict() && call.signal() != Direction.NEUTRAL);
        }
    }

    /** Every voter's trust moves (the default). */
    public TrustSettings(TrustPolicy policy, int snapshotEvery, int eventsKeptPerAgent) {
        this(policy, snapshotEvery, eventsKeptPerAgent, Updates.VOTERS);
    }

    /** Seed 003 keeps the last 100 events per model: never fewer. */
    public static final int MIN_EVENTS_KEPT = 100;

    public TrustSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(updates, "updates");
        if (snapshotEvery < 1 || snapshotEvery > 1_000_000) {
            throw new IllegalArgumentException("snapshot_every must be in [1, 1000000], was " + snapshotEvery);
        }
        if (eventsKeptPerAgent != 0 && eventsKeptPerAgent < MIN_EVENTS_KEPT) {
            throw new IllegalArgumentException("events kept per agent must be 0 (all) or at least " + MIN_EVENTS_KEPT
                    + ", was " + eventsKeptPerAgent);
        }
    }

    /** The default policy, a snapshot every 10 outcomes, every event kept. */
    public static TrustSettings defaults() {
        return new TrustSettings(TrustPolicies.byName(TrustPolicies.DEFAULT), 10, 0);
    }
}
