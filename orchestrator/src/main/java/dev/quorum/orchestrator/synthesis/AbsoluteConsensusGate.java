package dev.quorum.orchestrator.synthesis;

import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import dev.quorum.orchestrator.consensus.AbsoluteConsensus;

import java.util.Objects;

/**
 * Seed 000's absolute rule in front of a synthesis that decides by itself (the LLM synthesis): its BUY or SELL stands
 * only when the {@link AbsoluteConsensus} reached that direction; otherwise it becomes HOLD with confidence 0 and the
 * reasoning says why ({@code method} {@code absolute-consensus}). A HOLD is left alone: holding needs no consensus.
 * The rule synthesis needs no gate, it follows the rule itself.
 */
public final class AbsoluteConsensusGate implements Synthesiser {

    private final Synthesiser synthesis;
    private final AbsoluteConsensus rule;

    public AbsoluteConsensusGate(Synthesiser synthesis, AbsoluteConsensus rule) {
        this.synthesis = Objects.requireNonNull(synthesis, "synthesis");
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    @Override
    public SynthesisVerdict synthesise(SynthesisRequest request) {
        SynthesisVerdict proposed = synthesis.synthesise(request);
        if (proposed.verdict() == Verdict.HOLD) {
            return proposed;
        }
        AbsoluteConsensus.Tally tally = rule.tally(request.consensus());
        Direction wanted = proposed.verdict() == Verdict.BUY ? Direction.BULLISH : Direction.BEARISH;
        if (tally.reached() == wanted) {
            return proposed;
        }
        return new SynthesisVerdict(Verdict.HOLD, 0.0, "Held: " + proposed.verdict() + " (" + proposed.method().wire()
                + " synthesis) lacks the absolute weighted consensus (" + tally.describe() + ").", SynthesisMethod.Step.ABSOLUTE_CONSENSUS,
                proposed.telemetry());
    }
}
