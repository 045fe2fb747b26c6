package dev.quorum.orchestrator.synthesis;

import dev.quorum.envelope.Verdict;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnsembleGuardTest {

    private final EnsembleGuard guard = new EnsembleGuard(0.6);

    private static SynthesisVerdict llm(Verdict verdict) {
        return new SynthesisVerdict(verdict, 0.9, "the model liked it", SynthesisMethod.Step.LLM);
    }

    @Test
    void should_refuse_a_buy_against_a_strongly_bearish_panel_and_record_it() {
        EnsembleGuard.Guarded g = guard.check(llm(Verdict.BUY), -0.6);
        assertEquals(Verdict.HOLD, g.verdict().verdict());
        assertEquals(0.0, g.verdict().confidence());
        assertEquals(SynthesisMethod.Step.GUARD, g.verdict().method());
        assertTrue(g.veto().orElseThrow().contains("refused BUY"), g.veto().get());
    }

    @Test
    void should_refuse_a_sell_against_a_strongly_bullish_panel() {
        assertEquals(Verdict.HOLD, guard.check(llm(Verdict.SELL), 0.75).verdict().verdict());
    }

    @Test
    void should_let_a_contrary_verdict_pass_when_the_panel_is_not_strong() {
        SynthesisVerdict buy = llm(Verdict.BUY);
        EnsembleGuard.Guarded g = guard.check(buy, -0.59);
        assertSame(buy, g.verdict());
        assertTrue(g.veto().isEmpty());
    }

    @Test
    void should_never_refuse_an_agreeing_verdict_or_a_hold() {
        assertTrue(guard.check(llm(Verdict.BUY), 1.0).veto().isEmpty());
        assertTrue(guard.check(llm(Verdict.SELL), -1.0).veto().isEmpty());
        assertTrue(guard.check(llm(Verdict.HOLD), 1.0).veto().isEmpty());
        assertTrue(guard.check(llm(Verdict.HOLD), -1.0).veto().isEmpty());
    }
}
