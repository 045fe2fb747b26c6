package dev.quorum.orchestrator.cycle;

import dev.quorum.agents.signal.Abstention;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.agents.signal.SignalBackend;
import dev.quorum.agents.signal.SignalTelemetry;
import dev.quorum.envelope.Direction;
import dev.quorum.orchestrator.consensus.WeightedConsensus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which degraded decisions are provisional: a quorum lost to model failures, never one lost to missing data. */
class ProvisionalRuleTest {

    private static final SignalTelemetry TELEMETRY = new SignalTelemetry(SignalBackend.OLLAMA, "", "", 1, List.of(), null, 0, 0, "", "");

    private static AgentOutcome vote(String agent) {
        return new AgentSignal(agent, "d", Direction.BULLISH, 0.6, "s", List.of("k"), TELEMETRY);
    }

    private static AgentOutcome abstain(String agent, ErrorCategory category) {
        return new Abstention(agent, "d", category, "why", TELEMETRY);
    }

    private static boolean provisional(int quorum, AgentOutcome... outcomes) {
        return DecisionCycle.provisional(new WeightedConsensus(quorum).fuse(List.of(outcomes), Map.of()));
    }

    @Test
    void should_be_provisional_when_failures_of_the_models_cost_the_quorum() {
        assertTrue(provisional(2, abstain("a", ErrorCategory.NETWORK), abstain("b", ErrorCategory.MODEL)));
        assertTrue(provisional(2, vote("a"), abstain("b", ErrorCategory.NETWORK), abstain("c", ErrorCategory.DATA)));
        assertTrue(provisional(2, abstain("a", ErrorCategory.LOGIC), abstain("b", ErrorCategory.DATA), vote("c")));
    }

    @Test
    void should_be_final_when_the_quorum_is_met_or_lost_to_missing_data() {
        assertFalse(provisional(2, vote("a"), vote("b"), abstain("c", ErrorCategory.NETWORK)));
        assertFalse(provisional(2, vote("a"), abstain("b", ErrorCategory.DATA), abstain("c", ErrorCategory.DATA)));
        // Even if the failed agent had voted, the quorum of 3 would not be met: asking again cannot change the day.
        assertFalse(provisional(3, vote("a"), abstain("b", ErrorCategory.NETWORK), abstain("c", ErrorCategory.DATA)));
    }
}
