package dev.quorum.orchestrator.backtest;

import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.envelope.Verdict;
import dev.quorum.memory.outcomes.OutcomeRules;
import dev.quorum.orchestrator.backtest.metrics.BacktestMetrics;
import dev.quorum.orchestrator.backtest.metrics.ResolvedDecision;
import dev.quorum.orchestrator.backtest.metrics.ReturnStats;
import dev.quorum.orchestrator.backtest.metrics.StrategyRules;
import dev.quorum.testkit.ProjectPaths;
import dev.quorum.orchestrator.review.RiskReview;
import dev.quorum.orchestrator.synthesis.EnsembleGuard;
import dev.quorum.orchestrator.consensus.Pooling;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SPY benchmark the backtest reports, against the plainest computation there is, written here from the CSV:
 * daily returns of the dividend-adjusted close over the book's sessions, Sharpe = mean / sample sd x sqrt(252),
 * max drawdown from the compounded curve. The benchmark is bought at the close before the book's first session and
 * costs nothing here, so the two agree to rounding.
 */
class SpyBenchmarkIndependentTest {

    private static final Path SAMPLE = ProjectPaths.root().resolve("samples").resolve("market");

    @ParameterizedTest
    @CsvSource({"2023-01-03, 2024-12-20", "2023-01-03, 2023-12-29", "2024-01-02, 2024-12-20", "2023-07-10, 2024-03-28",
            "2023-03-01, 2023-05-31", "2024-07-01, 2024-09-30"})
    void should_report_the_daily_return_sharpe_and_drawdown_of_spy(LocalDate from, LocalDate to) throws IOException {
        CsvMarketData market = CsvMarketData.open(SAMPLE);
        List<ResolvedDecision> decisions = new ArrayList<>();
        for (LocalDate session : market.calendar().sessions()) {
            if (!session.isBefore(from) && !session.isAfter(to)) {
                decisions.add(new ResolvedDecision("AAPL", session, Verdict.HOLD, 0.5, 0.0, null, List.of(), session, 0.0, null));
            }
        }
        BacktestMetrics m = BacktestMetrics.compute(decisions, new BacktestMetrics.Settings(OutcomeRules.defaults(),
                new StrategyRules(5, 0.0, 0.0), 2, 0.25, "outcome-ema",
                new EnsembleGuard(0.5), new RiskReview("risk", 0.6), Pooling.STATED), Backtest.prices(market, List.of("AAPL"), "SPY"));
        ReturnStats reported = m.benchmarks().get(BacktestMetrics.SPY);

        Map<LocalDate, Double> adjClose = new HashMap<>();
        List<LocalDate> dates = new ArrayList<>();
        List<String> lines = Files.readAllLines(SAMPLE.resolve("prices").resolve("SPY.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            LocalDate date = LocalDate.parse(cells[0]);
            dates.add(date);
            adjClose.put(date, Double.parseDouble(cells[5]));
        }
        double[] returns = new double[m.sessions().size()];
        for (int k = 0; k < returns.length; k++) {
            LocalDate day = m.sessions().get(k);
            LocalDate before = dates.get(dates.indexOf(day) - 1);
            returns[k] = adjClose.get(day) / adjClose.get(before) - 1.0;
        }
        double mean = 0;
        for (double r : returns) {
            mean += r / returns.length;
        }
        double squares = 0;
        for (double r : returns) {
            squares += (r - mean) * (r - mean);
        }
        double sharpe = mean / Math.sqrt(squares / (returns.length - 1)) * Math.sqrt(252);
        double equity = 1;
        double peak = 1;
        double drawdown = 0;
        for (double r : returns) {
            equity *= 1 + r;
            peak = Math.max(peak, equity);
            drawdown = Math.min(drawdown, equity / peak - 1);
        }
        assertTrue(returns.length > 50, "the window holds a few months of sessions");
        assertEquals(equity - 1, reported.totalReturn(), 1e-12, "SPY total return " + from + ".." + to);
        assertEquals(sharpe, reported.sharpe(), 1e-9, "SPY Sharpe " + from + ".." + to);
        assertEquals(drawdown, reported.maxDrawdown(), 1e-12, "SPY max drawdown " + from + ".." + to);
    }
}
