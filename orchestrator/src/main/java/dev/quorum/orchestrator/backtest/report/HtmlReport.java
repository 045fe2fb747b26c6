package dev.quorum.orchestrator.backtest.report;

import dev.quorum.orchestrator.backtest.WeightPoint;
import dev.quorum.orchestrator.backtest.metrics.BacktestMetrics;
import dev.quorum.orchestrator.backtest.metrics.BlockBootstrap;
import dev.quorum.orchestrator.backtest.metrics.Directional;
import dev.quorum.orchestrator.backtest.metrics.Calibration;
import dev.quorum.orchestrator.backtest.metrics.HitRate;
import dev.quorum.orchestrator.backtest.metrics.MetaLearnerFit;
import dev.quorum.orchestrator.backtest.metrics.PerformanceAnalysis;
import dev.quorum.orchestrator.backtest.metrics.ReturnStats;
import dev.quorum.orchestrator.backtest.metrics.VariantResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The backtest as one self-contained HTML file: headline tables and seven inline SVG charts. */
public final class HtmlReport {

    /** The {@code data-chart} ids of the charts, in page order. */
    public static final List<String> CHARTS = List.of("equity", "drawdown", "trust-weights", "calibration",
            "agent-accuracy", "meta-loss", "meta-predicted-actual");

    private static final SvgChart.Format DATE = v -> LocalDate.ofEpochDay(Math.round(v)).toString();
    private static final SvgChart.Format PERCENT = v -> String.format(Locale.ROOT, "%.0f%%", v * 100);
    private static final SvgChart.Format RATIO = v -> String.format(Locale.ROOT, "%.2f", v);
    private static final SvgChart.Format SMALL_PERCENT = v -> String.format(Locale.ROOT, "%.1f%%", v * 100);

    private HtmlReport() {
    }

    public static void write(Path file, RunInfo run, BacktestMetrics metrics, List<WeightPoint> weights) {
        try {
            Files.writeString(file, render(run, metrics, weights));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the HTML report to " + file, e);
        }
    }

    public static String render(RunInfo run, BacktestMetrics m, List<WeightPoint> weights) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Quorum backtest</title><style>
                body{font-family:sans-serif;margin:24px;color:#222;max-width:1100px}
                table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ddd;padding:4px 8px;text-align:right;white-space:nowrap}
                th:first-child,td:first-child{text-align:left}th{background:#f4f4f4}h2{margin-top:28px}.note{color:#555;font-size:13px}
                </style></head><body>
                """);
        html.append("<h1>Quorum backtest</h1><p>").append(SvgChart.escape(String.join(", ", run.tickers())))
                .append(" &middot; ").append(run.from()).append(" to ").append(run.to())
                .append(" &middot; backend ").append(SvgChart.escape(run.backend()))
                .append(" &middot; trust policy ").append(SvgChart.escape(run.policy()))
                .append(" &middot; ").append(run.decisions()).append(" decisions, ").append(run.resolved()).append(" resolved")
                .append(run.decisionsPerSecond() == null ? "" : String.format(Locale.ROOT, " &middot; %.1f decisions/s", run.decisionsPerSecond()))
                .append("</p>");
        var cache = run.llmCache();
        html.append(String.format(Locale.ROOT, "<p>LLM reply cache: %d hits, %d calls made (hit rate %s), %d tokens spent, %d tokens saved</p>",
                cache.hits(), cache.misses(), pct(cache.hitRate()), cache.tokensSpent(), cache.tokensSaved()));
        html.append(String.format(Locale.ROOT, "<p class=\"note\">Book: each decision holds 1/(tickers &times; %d) of the book "
                + "for %d sessions, from the next open to the open after its outcome window (BUY long, SELL short, HOLD flat); "
                + "tranches overlap, each ticker's net weight is traded at the open, cost %.1f + slippage %.1f bps per side on "
                + "net weight changes; marked to market at every close (%d sessions). Buy-and-hold benchmarks on the same "
                + "sessions (equal weight rebalanced daily). Sharpe, Sortino and volatility annualised with 252 sessions, zero "
                + "risk-free rate. Accuracy: BUY (BULLISH) right when the %d-session return is above 0, SELL (BEARISH) when below; "
                + "HOLD scored by the move it sat out. Differences: annualised mean daily return minus the baseline row's (the "
                + "weightings against %s, the guard and review against their policy without them), 95%% "
                + "circular block bootstrap (block %d sessions, %d resamples, seed %d); * marks an interval excluding 0. "
                + "Accuracy intervals: 95%% Wilson.</p>",
                m.horizonSessions(), m.horizonSessions(), m.costBps(), m.slippageBps(), m.sessions().size(), m.horizonSessions(),
                SvgChart.escape(m.baseline()), m.bootstrap().blockLength(), m.bootstrap().resamples(), m.bootstrap().seed()));

        html.append("<h2>Strategy and ablation: daily book</h2><table><tr><th>row</th><th>weighting</th><th>guard</th><th>review</th>"
                + "<th>total return</th><th>annualised</th><th>volatility</th><th>Sharpe</th><th>Sortino</th><th>max drawdown</th>"
                + "<th>drawdown sessions</th><th>exposure</th><th>turnover/yr</th><th>return/yr minus the baseline's [95%]</th>"
                + "<th>baseline</th></tr>");
        List<VariantResult> variants = new ArrayList<>();
        variants.add(m.asRun());
        variants.addAll(m.ablation());
        for (VariantResult v : variants) {
            html.append("<tr><td>").append(SvgChart.escape(v.name())).append("</td><td>").append(SvgChart.escape(v.weighting()))
                    .append("</td><td>").append(v.guard() ? "on" : "off").append("</td><td>").append(v.review() ? "on" : "off")
                    .append("</td>");
            returns(html, v.returns());
            html.append("<td>").append(num(v.exposure())).append("</td><td>").append(num(v.turnover())).append("</td><td>")
                    .append(difference(v.versusBaseline())).append("</td><td>")
                    .append(v.versusBaseline() == null ? "" : SvgChart.escape(v.versusBaseline().baseline())).append("</td></tr>");
        }
        html.append("</table><h2>Benchmarks (buy and hold, same sessions)</h2><table><tr><th>benchmark</th>"
                + "<th>total return</th><th>annualised</th><th>volatility</th><th>Sharpe</th><th>Sortino</th><th>max drawdown</th>"
                + "<th>drawdown sessions</th></tr>");
        m.benchmarks().forEach((name, stats) -> {
            html.append("<tr><td>").append(SvgChart.escape(name)).append("</td>");
            returns(html, stats);
            html.append("</tr>");
        });
        html.append("</table><h2>Direction: verdicts and agents</h2><table><tr><th>row</th><th>long/flat/short</th>"
                + "<th>long accuracy</th><th>short accuracy</th><th>accuracy</th><th>coverage</th><th>always long</th>"
                + "<th>random, same mix</th><th>flat: mean |r| sat out</th><th>all: mean |r|</th><th>Brier</th><th>base-rate Brier</th></tr>");
        for (VariantResult v : variants) {
            direction(html, v.name(), v.directional(), v == m.asRun() ? m.calibration().get(BacktestMetrics.ENSEMBLE) : null);
        }
        m.agents().forEach((agent, d) -> direction(html, "agent " + agent, d, m.calibration().get(agent)));
        html.append("</table><h2>Reliability: stated confidence against accuracy</h2><table><tr><th>confidence</th>");
        m.calibration().keySet().forEach(name -> html.append("<th>").append(SvgChart.escape(name)).append("</th>"));
        html.append("</tr>");
        for (int bin = 0; bin < Calibration.BINS; bin++) {
            Calibration.Bin first = m.calibration().values().iterator().next().bins().get(bin);
            html.append(String.format(Locale.ROOT, "<tr><td>%.1f&ndash;%.1f</td>", first.lower(), first.upper()));
            for (Calibration c : m.calibration().values()) {
                Calibration.Bin b = c.bins().get(bin);
                html.append("<td>").append(b.calls() == 0 ? "&ndash;" : pct(b.hitRate()) + " of " + b.calls()).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</table>");
        performance(html, m.performance());

        double[] days = m.sessions().stream().mapToDouble(LocalDate::toEpochDay).toArray();
        SvgChart equity = new SvgChart("equity", DATE, RATIO);
        int colour = 0;
        // Single tickers stay in the table: one runaway stock (NVDA grew 36-fold in 2015-2022) would flatten the rest.
        for (String name : List.of(BacktestMetrics.STRATEGY, BacktestMetrics.EQUAL_WEIGHT_HOLD, BacktestMetrics.SPY)) {
            equity.line(name, days, m.curves().get(name), SvgChart.PALETTE[colour++ % SvgChart.PALETTE.length], 2.0);
        }
        section(html, "Equity (growth of 1) against buy and hold of the tickers (equal weight) and of SPY", equity.render());
        section(html, "Drawdown of the strategy", new SvgChart("drawdown", DATE, PERCENT)
                .line("drawdown", days, m.drawdown(), "#d62728", 1.5).render());

        Map<String, List<WeightPoint>> byAgent = new LinkedHashMap<>();
        weights.forEach(w -> byAgent.computeIfAbsent(w.agent(), k -> new ArrayList<>()).add(w));
        SvgChart trust = new SvgChart("trust-weights", DATE, RATIO);
        colour = 0;
        for (Map.Entry<String, List<WeightPoint>> agent : byAgent.entrySet()) {
            trust.line(agent.getKey(), agent.getValue().stream().mapToDouble(w -> w.knownAt().toEpochDay()).toArray(),
                    agent.getValue().stream().mapToDouble(WeightPoint::weight).toArray(), SvgChart.PALETTE[colour++ % SvgChart.PALETTE.length], 1.5);
        }
        section(html, "Trust weights over time (" + SvgChart.escape(run.policy()) + ")", trust.render());

        SvgChart calibration = new SvgChart("calibration", RATIO, PERCENT).guide(0, 0, 1, 1);
        colour = 0;
        for (Map.Entry<String, Calibration> entry : m.calibration().entrySet()) {
            List<Calibration.Bin> bins = entry.getValue().bins().stream().filter(b -> b.calls() > 0).toList();
            if (bins.isEmpty()) {
                continue; // an agent that only ever voted NEUTRAL states no directional confidence
            }
            calibration.line(entry.getKey() + " (Brier " + num(entry.getValue().brier()) + ", base rate "
                            + num(entry.getValue().baseRateBrier()) + ")",
                    bins.stream().mapToDouble(Calibration.Bin::meanConfidence).toArray(),
                    bins.stream().mapToDouble(Calibration.Bin::hitRate).toArray(), SvgChart.PALETTE[colour++ % SvgChart.PALETTE.length], 1.8);
        }
        section(html, "Reliability diagram: stated confidence against accuracy on the sign (dashed: perfect)", calibration.render());

        SvgChart accuracy = new SvgChart("agent-accuracy", RATIO, PERCENT);
        m.agents().forEach((agent, d) -> bar(accuracy, agent, d.accuracy()));
        bar(accuracy, BacktestMetrics.ENSEMBLE, m.asRun().directional().accuracy());
        section(html, "Accuracy of BULLISH/BEARISH calls per agent (BUY/SELL for the ensemble), 95% Wilson intervals (dashed: 50%)",
                accuracy.render());

        MetaLearnerFit fit = m.metaLearner();
        section(html, "Meta-learner: rolling MSE of its predictions (last " + MetaLearnerFit.WINDOW + ", before training on them)",
                new SvgChart("meta-loss", DATE, v -> String.format(Locale.ROOT, "%.5f", v))
                        .line("rolling MSE", fit.rollingLoss().stream().mapToDouble(p -> p.tradeDate().toEpochDay()).toArray(),
                                fit.rollingLoss().stream().mapToDouble(MetaLearnerFit.LossPoint::mse).toArray(), "#9467bd", 1.5).render());
        double[] predicted = fit.points().stream().mapToDouble(MetaLearnerFit.Point::predicted).toArray();
        double[] actual = fit.points().stream().mapToDouble(MetaLearnerFit.Point::actual).toArray();
        double lo = Math.min(min(predicted), min(actual));
        double hi = Math.max(max(predicted), max(actual));
        SvgChart scatter = new SvgChart("meta-predicted-actual", SMALL_PERCENT, SMALL_PERCENT)
                .points("decisions", predicted, actual, "#1f77b4");
        if (predicted.length > 0) {
            scatter.guide(lo, lo, hi, hi);
        }
        section(html, String.format(Locale.ROOT, "Meta-learner: predicted (x) against realised (y) return, %d predictions, out-of-sample R&sup2; %s",
                fit.predictions(), num(fit.r2())), scatter.render());
        return html.append("</body></html>\n").toString();
    }

    private static void section(StringBuilder html, String title, String svg) {
        html.append("<h2>").append(title).append("</h2>").append(svg);
    }

    private static void returns(StringBuilder html, ReturnStats r) {
        html.append("<td>").append(pct(r.totalReturn())).append("</td><td>").append(pct(r.annualisedReturn())).append("</td><td>")
                .append(pct(r.volatility())).append("</td><td>").append(num(r.sharpe())).append("</td><td>").append(num(r.sortino()))
                .append("</td><td>").append(pct(r.maxDrawdown())).append("</td><td>").append(r.maxDrawdownSessions()).append("</td>");
    }

    private static void direction(StringBuilder html, String name, Directional d, Calibration calibration) {
        html.append("<tr><td>").append(SvgChart.escape(name)).append("</td><td>").append(d.longs()).append('/').append(d.flats())
                .append('/').append(d.shorts()).append("</td><td>").append(hit(d.longAccuracy())).append("</td><td>")
                .append(hit(d.shortAccuracy())).append("</td><td>").append(hit(d.accuracy())).append("</td><td>")
                .append(pct(d.coverage())).append("</td><td>").append(pct(d.alwaysLong())).append("</td><td>")
                .append(pct(d.randomSameMix())).append("</td><td>").append(pct2(d.flatMeanAbsMove())).append("</td><td>")
                .append(pct2(d.meanAbsMove())).append("</td><td>").append(calibration == null ? "" : num(calibration.brier()))
                .append("</td><td>").append(calibration == null ? "" : num(calibration.baseRateBrier())).append("</td></tr>");
    }

    private static void bar(SvgChart chart, String name, HitRate rate) {
        chart.bar(name, rate.rate() == null ? 0 : rate.rate(), rate.lower(), rate.upper());
    }

    private static String difference(BlockBootstrap.Difference d) {
        if (d == null) {
            return "baseline";
        }
        if (d.estimate() == null) {
            return "&ndash;";
        }
        return pct(d.estimate()) + (d.lower() == null ? "" : " [" + pct(d.lower()) + ", " + pct(d.upper()) + "]")
                + (d.significant() ? " *" : "");
    }

    /** Seed 002's PerformanceAnalyzer: the summary with its streaks, then the per-symbol and per-regime tables. */
    private static void performance(StringBuilder html, PerformanceAnalysis p) {
        PerformanceAnalysis.Streaks s = p.streaks();
        html.append("<h2 id=\"performance\">Trades (BUY and SELL as run): P&amp;L, streaks, per symbol and regime</h2>")
                .append("<p class=\"note\">A trade's P&amp;L is its outcome return signed by its side, gross of costs. Streaks run in "
                        + "trade-date order, a session's trades by ticker; runs of ").append(s.minLength()).append(" or more counted as seed 002's patterns.</p>")
                .append("<table id=\"performance-summary\"><tr><th>trades</th><th>won / lost</th><th>win rate</th><th>total P&amp;L</th>"
                        + "<th>avg win</th><th>avg loss</th><th>largest win</th><th>largest loss</th><th>longest win / loss streak</th>"
                        + "<th>current streak</th><th>winning streaks (mean length)</th><th>losing streaks (mean length)</th></tr>")
                .append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%d / %d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                                + "<td>%s</td><td>%d / %d</td><td>%+d</td><td>%d (%s)</td><td>%d (%s)</td></tr></table>",
                        p.totalTrades(), p.winningTrades(), p.losingTrades(), pct(p.winRate()), pct2(p.totalPnl()), pct2(p.avgWin()),
                        pct2(p.avgLoss()), pct2(p.largestWin()), pct2(p.largestLoss()), s.longestWin(), s.longestLoss(), s.current(),
                        s.winning(), length(s.winningMeanLength()), s.losing(), length(s.losingMeanLength())));
        group(html, "performance-symbol", "symbol", p.perSymbol());
        group(html, "performance-regime", "regime", p.perRegime());
    }

    private static void group(StringBuilder html, String id, String key, Map<String, PerformanceAnalysis.Group> table) {
        html.append("<table id=\"").append(id).append("\"><tr><th>").append(key).append("</th><th>trades</th><th>won / lost</th>"
                + "<th>win rate</th><th>total P&amp;L</th><th>avg P&amp;L</th><th>largest win</th><th>largest loss</th></tr>");
        table.forEach((name, g) -> html.append(String.format(Locale.ROOT,
                "<tr><td>%s</td><td>%d</td><td>%d / %d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
                SvgChart.escape(name), g.trades(), g.wins(), g.losses(), pct(g.winRate()), pct2(g.totalPnl()), pct2(g.avgPnl()),
                pct2(g.largestWin()), pct2(g.largestLoss()))));
        html.append("</table>");
    }

    private static String length(Double v) {
        return v == null ? "&ndash;" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String hit(HitRate r) {
        return r.rate() == null ? "&ndash;" : String.format(Locale.ROOT, "%.1f%% [%.1f, %.1f]", r.rate() * 100, r.lower() * 100, r.upper() * 100);
    }

    private static String pct(Double v) {
        return v == null ? "&ndash;" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    private static String pct2(Double v) {
        return v == null ? "&ndash;" : String.format(Locale.ROOT, "%.2f%%", v * 100);
    }

    private static String num(Double v) {
        return v == null ? "&ndash;" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static double min(double[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
