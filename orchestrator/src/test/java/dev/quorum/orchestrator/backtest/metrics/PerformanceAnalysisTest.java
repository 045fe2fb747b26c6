package dev.quorum.orchestrator.backtest.metrics;

import dev.quorum.envelope.Verdict;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Seed 002's PerformanceAnalyzer figures against a case computed by hand. */
class PerformanceAnalysisTest {

    private static final double EPS = 1e-12;

    private static ResolvedDecision d(String ticker, int day, Verdict verdict, double r, String regime) {
        LocalDate date = LocalDate.of(2024, 1, day);
        return new ResolvedDecision(ticker, date, verdict, 0.7, 0.3, null, List.of(), date.plusDays(7), r, null, regime);
    }

    /**
     * Trades in order (P&amp;L = r for BUY, -r for SELL): AAPL +0.02, MSFT +0.01, AAPL +0.03 (3 wins), [MSFT HOLD],
     * AAPL -0.04, MSFT -0.02, AAPL -0.01 (3 losses), MSFT 0 (flat: ends the run), AAPL +0.05.
     */
    static List<ResolvedDecision> handCase() {
        List<ResolvedDecision> decisions = new ArrayList<>(List.of(
                d("AAPL", 2, Verdict.BUY, 0.02, "bull"), d("MSFT", 2, Verdict.SELL, -0.01, "bull"),
                d("AAPL", 3, Verdict.BUY, 0.03, "bull"), d("MSFT", 3, Verdict.HOLD, 0.05, "bull"),
                d("AAPL", 4, Verdict.SELL, 0.04, "bear"), d("MSFT", 4, Verdict.BUY, -0.02, "bear"),
                d("AAPL", 5, Verdict.BUY, -0.01, null), d("MSFT", 5, Verdict.BUY, 0.0, "bear"),
                d("AAPL", 8, Verdict.BUY, 0.05, "bull")));
        Collections.reverse(decisions); // the analysis orders them itself
        return decisions;
    }

    @Test
    void should_count_trades_wins_losses_and_the_largest_win_and_loss() {
        PerformanceAnalysis p = PerformanceAnalysis.of(handCase());
        assertEquals(8, p.totalTrades());
        assertEquals(4, p.winningTrades());
        assertEquals(3, p.losingTrades());
        assertEquals(0.5, p.winRate(), EPS);
        assertEquals(0.04, p.totalPnl(), EPS);            // .02+.01+.03-.04-.02-.01+0+.05
        assertEquals(0.0275, p.avgWin(), EPS);           // .11 / 4
        assertEquals(-0.07 / 3, p.avgLoss(), EPS);
        assertEquals(0.05, p.largestWin(), EPS);
        assertEquals(-0.04, p.largestLoss(), EPS);
    }

    @Test
    void should_find_the_streaks_and_the_seeds_streak_patterns() {
        PerformanceAnalysis.Streaks s = PerformanceAnalysis.of(handCase()).streaks();
        // runs: +3, -3, (flat), +1
        assertEquals(new PerformanceAnalysis.Streaks(3, 3, 3, 1, 1, 3.0, 1, 3.0), s);
        List<PerformanceAnalysis.Pattern> patterns = PerformanceAnalysis.of(handCase()).patterns();
        assertEquals(List.of(
                new PerformanceAnalysis.Pattern("winning_streak", 1, 3.0, "Consider increasing position size during streaks"),
                new PerformanceAnalysis.Pattern("losing_streak", 1, 3.0, "Consider reducing position size or pausing")), patterns);
        // the flat trade at the end: no current streak; two wins are no pattern
        PerformanceAnalysis short_ = PerformanceAnalysis.of(List.of(d("AAPL", 2, Verdict.BUY, 0.01, "bull"),
                d("AAPL", 3, Verdict.BUY, 0.01, "bull"), d("AAPL", 4, Verdict.SELL, 0.0, "bull")));
        assertEquals(new PerformanceAnalysis.Streaks(3, 2, 0, 0, 0, null, 0, null), short_.streaks());
        assertEquals(List.of(), short_.patterns());
        assertNull(short_.largestLoss());
    }

    @Test
    void should_tabulate_per_symbol_and_per_regime() {
        PerformanceAnalysis p = PerformanceAnalysis.of(handCase());
        assertEquals(List.of("AAPL", "MSFT"), List.copyOf(p.perSymbol().keySet()));
        assertGroup(p.perSymbol().get("AAPL"), 5, 3, 2, 0.6, 0.05, 0.01, 0.05, -0.04);
        assertGroup(p.perSymbol().get("MSFT"), 3, 1, 1, 1.0 / 3, -0.01, -0.01 / 3, 0.01, -0.02);
        assertEquals(List.of("bear", "bull", PerformanceAnalysis.UNKNOWN_REGIME), List.copyOf(p.perRegime().keySet()));
        assertGroup(p.perRegime().get("bull"), 4, 4, 0, 1.0, 0.11, 0.0275, 0.05, null);
        assertGroup(p.perRegime().get("bear"), 3, 0, 2, 0.0, -0.06, -0.02, null, -0.04);
        assertGroup(p.perRegime().get("unknown"), 1, 0, 1, 0.0, -0.01, -0.01, null, -0.01);
    }

    @Test
    void should_report_no_trades_as_nulls_not_zeros() {
        PerformanceAnalysis p = PerformanceAnalysis.of(List.of(d("AAPL", 2, Verdict.HOLD, 0.03, "bull")));
        assertEquals(0, p.totalTrades());
        assertNull(p.winRate());
        assertNull(p.avgWin());
        assertNull(p.largestWin());
        assertEquals(0, p.streaks().longestWin());
        assertEquals(0, p.perSymbol().size());
    }

    private static void assertGroup(PerformanceAnalysis.Group g, int trades, int wins, int losses, double winRate, double total,
                                    double avg, Double largestWin, Double largestLoss) {
        assertEquals(trades, g.trades());
        assertEquals(wins, g.wins());
        assertEquals(losses, g.losses());
        assertEquals(winRate, g.winRate(), EPS);
        assertEquals(total, g.totalPnl(), EPS);
        assertEquals(avg, g.avgPnl(), EPS);
        if (largestWin == null) {
            assertNull(g.largestWin());
        } else {
            assertEquals(largestWin, g.largestWin(), EPS);
        }
        if (largestLoss == null) {
            assertNull(g.largestLoss());
        } else {
            assertEquals(largestLoss, g.largestLoss(), EPS);
        }
    }
}
