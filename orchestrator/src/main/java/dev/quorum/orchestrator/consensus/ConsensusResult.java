package dev.quorum.orchestrator.consensus;

import dev.quorum.agents.signal.Abstention;
import dev.quorum.envelope.Direction;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fused vote of one decision. See {@link WeightedConsensus} for the formulas.
 *
 * @param ensembleScore  in [-1, 1]; positive is bullish
 * @param leading        the direction with the largest summed strength; NEUTRAL on a tie or with no votes
 * @param agreement      share of voters whose direction is {@code leading}, in [0, 1]
 * @param distribution   per direction: voters and strength share
 * @param votes          the counted votes, in roster order
 * @param abstentions    the agents excluded from the vote
 * @param trustWeights   the weight each agent (voter or not) was given
 * @param quorum         the quorum that applied
 * @param degraded       why the consensus cannot support a verdict (quorum not met); empty when it can
 * @param pooling        which confidence the votes counted with
 */
public record ConsensusResult(double ensembleScore, Direction leading, double agreement,
                              Map<Direction, VoteShare> distribution, List<Vote> votes,
                              List<Abstention> abstentions, Map<String, Double> trustWeights, int quorum,
                              Optional<String> degraded, Pooling pooling) {

    public ConsensusResult {
        distribution = Map.copyOf(distribution);
        votes = List.copyOf(votes);
        abstentions = List.copyOf(abstentions);
        trustWeights = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(trustWeights));
    }

    public boolean quorumMet() {
        return degraded.isEmpty();
    }
}
