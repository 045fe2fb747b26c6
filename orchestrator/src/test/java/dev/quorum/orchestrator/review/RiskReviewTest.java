package dev.quorum.orchestrator.review;

import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import dev.quorum.orchestrator.synthesis.SynthesisVerdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.quorum.orchestrator.consensus.PanelOutcomes.abstain;
import static dev.quorum.orchestrator.consensus.PanelOutcomes.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RiskReviewTest {

    private final RiskReview review = new RiskReview("risk", 0.6);
    private final SynthesisVerdict buy = new SynthesisVerdict(Verdict.BUY, 0.7, "panel bullish", "rules");
    private final SynthesisVerdict sell = new SynthesisVerdict(Verdict.SELL, 0.7, "panel bearish", "rules");

    @Test
    void should_downgrade_a_buy_to_hold_when_the_risk_view_is_confidently_bearish() {
        ReviewResult r = review.review(buy, List.of(vote("technical", Direction.BULLISH, 0.9), vote("risk", Direction.BEARISH, 0.6)));
        assertEquals(ReviewStatus.CAUTION, r.status());
        assertEquals(Verdict.HOLD, r.verdict().verdict());
        assertEquals(0.6, r.verdict().confidence());
        assertEquals("review", r.verdict().method());
        assertTrue(r.note().startsWith("CAUTION: BUY downgraded to HOLD"), r.note());
    }

    @Test
    void should_downgrade_a_sell_when_the_risk_view_is_confidently_bullish() {
        assertEquals(ReviewStatus.CAUTION, review.review(sell, List.of(vote("risk", Direction.BULLISH, 0.95))).status());
    }

    @Test
    void should_approve_when_the_risk_view_is_weak_neutral_or_agrees() {
        assertSame(buy, review.review(buy, List.of(vote("risk", Direction.BEARISH, 0.59))).verdict());
        assertEquals(ReviewStatus.APPROVED, review.review(buy, List.of(vote("risk", Direction.NEUTRAL, 0.9))).status());
        assertEquals(ReviewStatus.APPROVED, review.review(buy, List.of(vote("risk", Direction.BULLISH, 0.9))).status());
    }

    @Test
    void should_not_review_a_hold_or_without_a_risk_view() {
        SynthesisVerdict hold = new SynthesisVerdict(Verdict.HOLD, 0.5, "undecided", "rules");
        assertEquals(ReviewStatus.NOT_REVIEWED, review.review(hold, List.of(vote("risk", Direction.BEARISH, 1.0))).status());
        ReviewResult abstained = review.review(buy, List.of(abstain("risk", ErrorCategory.NETWORK)));
        assertEquals(ReviewStatus.NOT_REVIEWED, abstained.status());
        assertSame(buy, abstained.verdict());
    }
}
