package dev.quorum.memory.outcomes;

import dev.quorum.agents.market.PriceBar;
import dev.quorum.envelope.Direction;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarketOutcomeResolverTest {

    private static final double EXACT = 1e-12;
    /** Thursday: the next sessions are Fri 2, Mon 5, Tue 6, Wed 7, Thu 8, Fri 9. */
    private static final LocalDate TRADE_DATE = LocalDate.parse("2023-06-01");

    private static PriceBar bar(String date, double open, double close) {
        return new PriceBar(LocalDate.parse(date), open, Math.max(open, close), Math.min(open, close), close, close, 1_000, 0.0);
    }

    private static List<PriceBar> bars(double... openClosePairs) {
        List<String> dates = List.of("2023-05-31", "2023-06-01", "2023-06-02", "2023-06-05", "2023-06-06", "2023-06-07",
                "2023-06-08", "2023-06-09");
        List<PriceBar> bars = new ArrayList<>();
        for (int i = 0; i < openClosePairs.length / 2; i++) {
            bars.add(bar(dates.get(i), openClosePairs[2 * i], openClosePairs[2 * i + 1]));
        }
        return bars;
    }

    private final MarketOutcomeResolver resolver = new MarketOutcomeResolver(new OutcomeRules(5, 0.005, "SPY"));

    @Test
    void should_enter_at_the_next_open_and_exit_at_the_close_h_sessions_later() {
        List<PriceBar> ticker = bars(99, 99.5, 100, 100.5, /* entry Fri 2 */ 200, 201, 202, 203, 204, 205, 206, 207,
                /* exit Thu 8 */ 208, 210, 300, 300);
        List<PriceBar> spy = bars(400, 400, 400, 400, /* entry */ 400, 401, 402, 403, 404, 405, 406, 407, /* exit */ 408, 404, 500, 500);

        MarketOutcome outcome = resolver.resolve(TRADE_DATE, ticker, spy).orElseThrow();

        PriceMove move = outcome.ticker();
        assertEquals(List.of(LocalDate.parse("2023-06-02"), LocalDate.parse("2023-06-08")), List.of(move.entryDate(), move.exitDate()));
        assertEquals(200.0, move.entryPrice(), EXACT);
        assertEquals(210.0, move.exitPrice(), EXACT);
        assertEquals(0.05, move.totalReturn(), EXACT);
        assertEquals(0.01, outcome.benchmark().totalReturn(), EXACT);
        assertEquals(0.04, outcome.alpha(), EXACT);
    }

    @Test
    void should_not_resolve_before_the_exit_bar_exists() {
        List<PriceBar> ticker = bars(99, 99.5, 100, 100.5, 200, 201, 202, 203, 204, 205, 206, 207);

        assertEquals(Optional.empty(), resolver.resolve(TRADE_DATE, ticker, ticker));
    }

    @Test
    void should_count_dividends_paid_during_the_hold() {
        // entry session: close 100 adjusted to 98 (a 2 % dividend goes ex later); exit close 100, unadjusted
        List<PriceBar> ticker = List.of(
                bar("2023-06-01", 100, 100),
                new PriceBar(LocalDate.parse("2023-06-02"), 100, 100, 100, 100, 98, 1_000, 0.0),
                new PriceBar(LocalDate.parse("2023-06-05"), 98, 100, 98, 100, 100, 1_000, 2.0));
        MarketOutcomeResolver twoSessions = new MarketOutcomeResolver(new OutcomeRules(2, 0.005, "SPY"));

        MarketOutcome outcome = twoSessions.resolve(TRADE_DATE, ticker, ticker).orElseThrow();

        // entry 100 x 98/100 = 98 in adjusted terms; exit 100: +2.0408 %
        assertEquals(100.0 / 98.0 - 1.0, outcome.ticker().totalReturn(), EXACT);
        assertEquals(100.0, outcome.ticker().entryPrice(), EXACT);
    }

    @Test
    void should_judge_each_call_against_the_neutral_band() {
        OutcomeRules rules = new OutcomeRules(5, 0.01, "SPY");

        assertTrue(rules.isCorrect(Direction.BULLISH, 0.0101));
        assertFalse(rules.isCorrect(Direction.BULLISH, 0.01));
        assertTrue(rules.isCorrect(Direction.BEARISH, -0.0101));
        assertFalse(rules.isCorrect(Direction.BEARISH, -0.01));
        assertTrue(rules.isCorrect(Direction.NEUTRAL, 0.01));
        assertTrue(rules.isCorrect(Direction.NEUTRAL, -0.01));
        assertFalse(rules.isCorrect(Direction.NEUTRAL, 0.0101));
    }

    @Test
    void should_refuse_a_benchmark_missing_a_session_the_ticker_has() {
        List<PriceBar> ticker = bars(99, 99.5, 100, 100.5, 200, 201, 202, 203, 204, 205, 206, 207, 208, 210);
        List<PriceBar> spy = new ArrayList<>(bars(400, 400, 400, 400, 400, 401, 402, 403, 404, 405, 406, 407, 408, 404));
        spy.remove(6);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> resolver.resolve(TRADE_DATE, ticker, spy));

        assertTrue(refused.getMessage().contains("SPY has no bar on 2023-06-08"), refused.getMessage());
    }

    @Test
    void should_refuse_bars_out_of_order() {
        List<PriceBar> shuffled = new ArrayList<>(bars(99, 99.5, 100, 100.5, 200, 201));
        java.util.Collections.reverse(shuffled);

        assertThrows(IllegalArgumentException.class, () -> resolver.resolve(TRADE_DATE, shuffled, shuffled));
    }
}
