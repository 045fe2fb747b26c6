package dev.quorum.orchestrator.review;

import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import dev.quorum.orchestrator.config.ReviewConfig;
import dev.quorum.orchestrator.synthesis.SynthesisMethod;
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
    private final SynthesisVerdict buy = new SynthesisVerdict(Verdict.BUY, 0.7, "panel bullish", SynthesisMethod.Step.RULES);
    private final SynthesisVerdict sell = new SynthesisVerdict(Verdict.SELL, 0.7, "panel bearish", SynthesisMethod.Step.RULES);
    /** Seed 002's PeerReview.review_trade: the auditor, risk and learning agents review the trade. */
    private final RiskReview seed = new RiskReview(List.of("risk", "auditor", "learning"), 0.6, ReviewConfig.Caution.CONFIDENCE, 0.5);

    @Test
    void should_reject_a_buy_as_hold_when_the_lone_risk_view_is_confidently_bearish() {
        ReviewResult r = review.review(buy, List.of(vote("technical", Direction.BULLISH, 0.9), vote("risk", Direction.BEARISH, 0.6)));
        assertEquals(ReviewStatus.REJECTED, r.status());
        assertEquals(Verdict.HOLD, r.verdict().verdict());
        assertEquals(0.6, r.verdict().confidence());
        assertEquals(SynthesisMethod.Step.REVIEW, r.verdict().method());
        assertTrue(r.note().startsWith("REJECTED: BUY blocked (HOLD)"), r.note());
        assertTrue(r.note().contains("0 of 1 reviewers approve BUY (risk BEARISH 0.60 opposes)"), r.note());
        assertTrue(r.verdict().reasoning().startsWith("Held on peer review: " + r.note()), r.verdict().reasoning());
    }

    @Test
    void should_reject_a_sell_when_the_risk_view_is_confidently_bullish() {
        assertEquals(ReviewStatus.REJECTED, review.review(sell, List.of(vote("risk", Direction.BULLISH, 0.95))).status());
    }

    @Test
    void should_approve_when_the_risk_view_is_weak_neutral_or_agrees() {
        assertSame(buy, review.review(buy, List.of(vote("risk", Direction.BEARISH, 0.59))).verdict());
        assertEquals(ReviewStatus.APPROVED, review.review(buy, List.of(vote("risk", Direction.NEUTRAL, 0.9))).status());
        assertEquals(ReviewStatus.APPROVED, review.review(buy, List.of(vote("risk", Direction.BULLISH, 0.9))).status());
    }

    @Test
    void should_not_review_a_hold_or_without_a_risk_view() {
        SynthesisVerdict hold = new SynthesisVerdict(Verdict.HOLD, 0.5, "undecided", SynthesisMethod.Step.RULES);
        assertEquals(ReviewStatus.NOT_REVIEWED, review.review(hold, List.of(vote("risk", Direction.BEARISH, 1.0))).status());
        ReviewResult abstained = review.review(buy, List.of(abstain("risk", ErrorCategory.NETWORK)));
        assertEquals(ReviewStatus.NOT_REVIEWED, abstained.status());
        assertSame(buy, abstained.verdict());
    }

    @Test
    void should_give_the_seeds_three_outcomes_from_the_count_of_three_reviewers_approving() {
        // approval_count >= 2: APPROVED, as proposed
        ReviewResult two = seed.review(buy, List.of(vote("risk", Direction.BEARISH, 0.8), vote("auditor", Direction.BULLISH, 0.7),
                vote("learning", Direction.NEUTRAL, 0.9)));
        assertEquals(ReviewStatus.APPROVED, two.status());
        assertSame(buy, two.verdict());
        // approval_count == 1: CAUTION, the BUY stands at 0.7 x 0.5 = 0.35
        ReviewResult one = seed.review(buy, List.of(vote("risk", Direction.BEARISH, 0.8), vote("auditor", Direction.BEARISH, 0.65),
                vote("learning", Direction.BULLISH, 0.9)));
        assertEquals(ReviewStatus.CAUTION, one.status());
        assertEquals(Verdict.BUY, one.verdict().verdict());
        assertEquals(0.35, one.verdict().confidence(), 1e-12);
        assertEquals(1.0, one.sizeFactor());
        assertEquals("CAUTION: BUY kept, confidence x 0.50; 1 of 3 reviewers approve BUY (risk BEARISH 0.80 opposes, "
                + "auditor BEARISH 0.65 opposes, learning BULLISH 0.90 approves)", one.note());
        // approval_count == 0: REJECTED, blocked at the strongest opposition (0.9), saying who opposed
        ReviewResult none = seed.review(sell, List.of(vote("risk", Direction.BULLISH, 0.8), vote("auditor", Direction.BULLISH, 0.6),
                vote("learning", Direction.BULLISH, 0.9)));
        assertEquals(ReviewStatus.REJECTED, none.status());
        assertEquals(Verdict.HOLD, none.verdict().verdict());
        assertEquals(0.9, none.verdict().confidence());
        assertTrue(none.verdict().reasoning().contains("0 of 3 reviewers approve SELL (risk BULLISH 0.80 opposes, auditor BULLISH "
                + "0.60 opposes, learning BULLISH 0.90 opposes)"), none.verdict().reasoning());
        assertEquals(List.of("risk", "auditor", "learning"), none.reviews().stream().map(ReviewResult.Reviewer::agent).toList());
    }

    @Test
    void should_count_only_the_reviewers_with_a_view() {
        // the learning agent abstained: 1 of 2 approve is no strict majority, so CAUTION
        ReviewResult r = seed.review(buy, List.of(vote("risk", Direction.BEARISH, 0.8), vote("auditor", Direction.BULLISH, 0.7),
                abstain("learning", ErrorCategory.MODEL)));
        assertEquals(ReviewStatus.CAUTION, r.status());
        assertTrue(r.note().contains("1 of 2 reviewers approve BUY") && r.note().endsWith("learning abstained)"), r.note());
        // the auditor is not on the panel and the learning agent abstained: the risk agent decides alone
        assertEquals(ReviewStatus.REJECTED, seed.review(buy, List.of(vote("risk", Direction.BEARISH, 0.8),
                abstain("learning", ErrorCategory.MODEL))).status());
        assertEquals(ReviewStatus.NOT_REVIEWED, seed.review(buy, List.of(vote("technical", Direction.BEARISH, 0.8))).status());
    }

    @Test
    void should_lower_the_size_instead_of_the_confidence_when_configured() {
        RiskReview bySize = new RiskReview(List.of("risk", "auditor", "learning"), 0.6, ReviewConfig.Caution.SIZE, 0.25);
        ReviewResult r = bySize.review(buy, List.of(vote("risk", Direction.BEARISH, 0.8), vote("auditor", Direction.BEARISH, 0.65),
                vote("learning", Direction.BULLISH, 0.9)));
        assertEquals(ReviewStatus.CAUTION, r.status());
        assertSame(buy, r.verdict());
        assertEquals(0.25, r.sizeFactor());
        assertTrue(r.note().startsWith("CAUTION: BUY kept, size x 0.25"), r.note());
    }
}
