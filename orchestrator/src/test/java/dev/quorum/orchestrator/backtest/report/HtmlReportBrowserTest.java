package dev.quorum.orchestrator.backtest.report;

import dev.quorum.testkit.HeadlessChromium;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import dev.quorum.memory.outcomes.OutcomeRules;
import dev.quorum.orchestrator.backtest.WeightPoint;
import dev.quorum.agents.market.PriceBar;
import dev.quorum.orchestrator.backtest.metrics.BacktestMetrics;
import dev.quorum.orchestrator.backtest.metrics.DailyPrices;
import dev.quorum.orchestrator.backtest.metrics.RecordedVote;
import dev.quorum.orchestrator.backtest.metrics.ResolvedDecision;
import dev.quorum.orchestrator.backtest.metrics.StrategyRules;
import dev.quorum.orchestrator.review.RiskReview;
import dev.quorum.orchestrator.synthesis.EnsembleGuard;
import dev.quorum.orchestrator.consensus.Pooling;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTML report as headless Chromium parses it: every chart present with drawn marks, nothing fetched from outside. */
class HtmlReportBrowserTest {

    @TempDir
    Path dir;

    @Test
    void should_draw_every_chart_in_headless_chromium() throws Exception {
        Optional<HeadlessChromium> chromium = HeadlessChromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), "headless Chromium is not installed (Debian 'chromium'; "
                + "scripts/test.sh installs it): skipping the report rendering test");
        Path report = dir.resolve("report.html");
        HtmlReport.write(report, new RunInfo(List.of("AAA", "BBB"), LocalDate.of(2020, 1, 1), LocalDate.of(2020, 6, 30),
                "rules", "outcome-ema", 240, 240, 123.0,
                new dev.quorum.orchestrator.backtest.replay.CacheStats(90, 10, 5000, 45000)), metrics(), weights());
        String html = Files.readString(report);
        assertFalse(html.contains("http://") && html.replace("http://www.w3.org/2000/svg", "").contains("http://"),
                "the report must not load anything from outside");
        assertFalse(html.contains("https://"), "the report must not load anything from outside");

        String dom = chromium.get().dumpDom(report.toUri().toString(), dir, 5000);
        for (String chart : HtmlReport.CHARTS) {
            Matcher svg = Pattern.compile("<svg data-chart=\"" + Pattern.quote(chart) + "\".*?</svg>", Pattern.DOTALL).matcher(dom);
            assertTrue(svg.find(), "chart " + chart + " is missing from the rendered page");
            String drawn = svg.group();
            assertFalse(drawn.contains("no data"), "chart " + chart + " has no data");
            Matcher marks = Pattern.compile("class=\"mark\"[^>]*").matcher(drawn);
            int count = 0;
            while (marks.find()) {
                String mark = marks.group();
                assertFalse(mark.contains("points=\"\""), "chart " + chart + " has an empty line");
                count++;
            }
            assertTrue(count >= 1, "chart " + chart + " draws nothing");
        }
        assertEquals(1, count(dom, "<svg data-chart=\"equity\""));
        assertTrue(count(dom, "<tr>") >= 10, "the headline tables are rendered");
    }

    /** 120 sessions of two tickers with varied votes, outcomes and meta-learner predictions. */
    static BacktestMetrics metrics() {
        List<ResolvedDecision> decisions = new ArrayList<>();
        LocalDate day = LocalDate.of(2020, 1, 2);
        for (int i = 0; i < 120; i++) {
            for (String ticker : List.of("AAA", "BBB")) {
                double r = 0.03 * Math.sin(i * 0.7 + ticker.hashCode()) + 0.002;
                Verdict v = i % 3 == 0 ? Verdict.BUY : i % 3 == 1 ? Verdict.HOLD : Verdict.SELL;
                decisions.add(new ResolvedDecision(ticker, day, v, 0.3 + 0.6 * Math.abs(Math.cos(i)), 0.4, r * 0.3,
                        List.of(new RecordedVote("technical", i % 2 == 0 ? Direction.BULLISH : Direction.BEARISH, 0.7, 1.0),
                                new RecordedVote("risk", Direction.NEUTRAL, 0.4, 1.0),
                                new RecordedVote("macro", i % 4 == 0 ? Direction.BEARISH : Direction.BULLISH, 0.55, 1.0)),
                        day.plusDays(7), r, r / 2));
            }
            day = day.plusDays(1);
        }
        List<LocalDate> sessions = new ArrayList<>();
        Map<String, List<PriceBar>> bars = new LinkedHashMap<>();
        for (int i = 0; i < 130; i++) {
            LocalDate session = LocalDate.of(2020, 1, 2).plusDays(i);
            sessions.add(session);
            for (String ticker : List.of("AAA", "BBB", "SPY")) {
                double close = 100 * (1 + 0.2 * Math.sin(i * 0.1 + ticker.length() + ticker.charAt(0)));
                bars.computeIfAbsent(ticker, k -> new ArrayList<>()).add(new PriceBar(session, close * 0.998, close, close,
                        close, close, 1000, 0.0));
            }
        }
        return BacktestMetrics.compute(decisions, new BacktestMetrics.Settings(OutcomeRules.defaults(),
                new StrategyRules(5, 1.0, 0.0), 2, 0.25, "outcome-ema",
                new EnsembleGuard(0.5), new RiskReview("risk", 0.6), Pooling.STATED), new DailyPrices(sessions, bars));
    }

    static List<WeightPoint> weights() {
        List<WeightPoint> points = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            LocalDate at = LocalDate.of(2020, 1, 9).plusDays(i);
            points.add(new WeightPoint("technical", at, 1.0 + 0.3 * Math.sin(i / 10.0)));
            points.add(new WeightPoint("macro", at, 1.0 - 0.2 * Math.sin(i / 15.0)));
        }
        return points;
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
