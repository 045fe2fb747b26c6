package dev.quorum.trader.policy;

import dev.quorum.envelope.Verdict;
import dev.quorum.trader.broker.Session;
import dev.quorum.trader.config.PolicySettings;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositionPolicyTest {

    private static final PolicySettings DEFAULTS = PolicySettings.defaults();

    private static PolicySettings settings(String onHold, boolean allowShort, Double stopLoss, Double takeProfit, int holding) {
        return new PolicySettings(0.6, 0.1, 0.2, 1.0, holding, stopLoss, takeProfit, onHold, allowShort);
    }

    @Test
    void should_size_a_position_as_a_fraction_of_equity_scaled_by_confidence_in_whole_shares() {
        // 100000 x 0.1 x 0.8 = 8000 / 150 = 53.33 -> 53 shares.
        Plan plan = new PositionPolicy(DEFAULTS).decide(Verdict.BUY, 0.8, Optional.empty(), 100_000, 0, 150);
        assertEquals(Optional.of(new Plan.Opening(true, 53)), plan.open());
        assertTrue(plan.close().isEmpty());
    }

    @Test
    void should_scale_the_size_by_the_reviews_caution_factor() {
        // seed 002's CAUTION with review.caution: size 0.5: 100000 x 0.1 x 0.8 x 0.5 = 4000 / 150 = 26.67 -> 26 shares.
        Plan plan = new PositionPolicy(DEFAULTS).decide(Verdict.BUY, 0.8, Optional.empty(), 100_000, 0, 150, 0.5);
        assertEquals(Optional.of(new Plan.Opening(true, 26)), plan.open());
        assertEquals("open long 26 @ 150.00 (notional 3900.00 of 4000.00 wanted)", plan.reason());
    }

    @Test
    void should_ignore_a_verdict_below_the_confidence_threshold_even_against_a_position() {
        Plan plan = new PositionPolicy(DEFAULTS).decide(Verdict.SELL, 0.59, Optional.of(new Holding("a", true, 5000)), 100_000, 5000, 100);
        assertFalse(plan.acts());
        assertEquals("confidence 0.59 below min_confidence 0.60", plan.reason());
    }

    @Test
    void should_cap_the_size_by_the_per_ticker_limit_and_by_the_gross_exposure_left() {
        PolicySettings wide = new PolicySettings(0.0, 0.5, 0.2, 1.0, 5, null, null, null, null);
        // wanted 100000 x 0.5 x 1.0 = 50000, per ticker 20000 -> 200 shares at 100.
        assertEquals(200, new PositionPolicy(wide).decide(Verdict.BUY, 1.0, Optional.empty(), 100_000, 0, 100).open().get().shares());
        // gross 95000 already: room 5000 -> 50 shares.
        assertEquals(50, new PositionPolicy(wide).decide(Verdict.BUY, 1.0, Optional.empty(), 100_000, 95_000, 100).open().get().shares());
        Plan full = new PositionPolicy(wide).decide(Verdict.BUY, 1.0, Optional.empty(), 100_000, 100_000, 100);
        assertFalse(full.acts());
        assertEquals("no long: no room under max_gross_exposure", full.reason());
    }

    @Test
    void should_reverse_a_long_on_sell_counting_the_closed_notional_as_room() {
        PolicySettings tight = new PolicySettings(0.0, 0.1, 0.2, 0.1, 5, null, null, null, true);
        // gross 10000 is all the long's; closing it frees the whole 0.1 x 100000: 100000 x 0.1 x 0.7 = 7000 / 70 = 100.
        Plan plan = new PositionPolicy(tight).decide(Verdict.SELL, 0.7, Optional.of(new Holding("long-1", true, 10_000)), 100_000, 10_000, 70);
        assertEquals(Optional.of("long-1"), plan.close());
        assertEquals(Optional.of(new Plan.Opening(false, 100)), plan.open());
    }

    @Test
    void should_only_close_the_long_on_sell_when_shorts_are_not_allowed() {
        Plan plan = new PositionPolicy(settings("keep", false, null, null, 5))
                .decide(Verdict.SELL, 0.9, Optional.of(new Holding("long-1", true, 1000)), 100_000, 1000, 10);
        assertEquals(Optional.of("long-1"), plan.close());
        assertTrue(plan.open().isEmpty());
        assertFalse(new PositionPolicy(settings("keep", false, null, null, 5))
                .decide(Verdict.SELL, 0.9, Optional.empty(), 100_000, 0, 10).acts());
    }

    @Test
    void should_keep_a_position_in_the_same_direction_and_on_hold_unless_told_to_close() {
        Optional<Holding> longOne = Optional.of(new Holding("long-1", true, 1000));
        assertFalse(new PositionPolicy(DEFAULTS).decide(Verdict.BUY, 0.9, longOne, 100_000, 1000, 10).acts());
        assertFalse(new PositionPolicy(DEFAULTS).decide(Verdict.HOLD, 0.9, longOne, 100_000, 1000, 10).acts());
        Plan close = new PositionPolicy(settings("close", true, null, null, 5)).decide(Verdict.HOLD, 0.9, longOne, 100_000, 1000, 10);
        assertEquals(Optional.of("long-1"), close.close());
        assertTrue(close.open().isEmpty());
    }

    @Test
    void should_exit_at_the_horizon_or_at_the_first_close_past_the_stop_or_the_target() {
        List<Session> sessions = List.of(
                new Session(LocalDate.parse("2024-01-03"), 100, 97),
                new Session(LocalDate.parse("2024-01-04"), 97, 94),
                new Session(LocalDate.parse("2024-01-05"), 94, 111));
        assertEquals(Optional.empty(), new ExitRule(settings("keep", true, null, null, 4)).due(true, 100, sessions));
        assertEquals("2024-01-05 horizon", describe(new ExitRule(settings("keep", true, null, null, 3)).due(true, 100, sessions)));
        // -6 % at the second close reaches a 5 % stop.
        assertEquals("2024-01-04 stop_loss", describe(new ExitRule(settings("keep", true, 0.05, null, 10)).due(true, 100, sessions)));
        // A short gains 6 % there: a 5 % take-profit.
        assertEquals("2024-01-04 take_profit", describe(new ExitRule(settings("keep", true, null, 0.05, 10)).due(false, 100, sessions)));
    }

    private static String describe(Optional<ExitRule.Exit> exit) {
        return exit.map(e -> e.on().date() + " " + e.reason()).orElse("none");
    }
}
