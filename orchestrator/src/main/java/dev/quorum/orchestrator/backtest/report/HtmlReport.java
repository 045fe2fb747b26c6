package dev.quorum.orchestrator.backtest.report;

import dev.quorum.orchestrator.backtest.WeightPoint;
import dev.quorum.orchestrator.backtest.metrics.BacktestMetrics;
import dev.quorum.orchestrator.backtest.metrics.Calibration;
import dev.quorum.orchestrator.backtest.metrics.HitRate;
import dev.quorum.orchestrator.backtest.metrics.MetaLearnerFit;
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
        html.append(String.format(Locale.ROOT, "<p class=\"note\">Strategy: each session's verdicts open a tranche of 1/%d of the capital, "
                + "equal weight across tickers: BUY long, SELL short, HOLD flat, entered at the next open and closed at the %d-th "
                + "session's close (the outcome window); cost %.1f bps per side. Sharpe and Sortino annualised with 252 sessions "
                + "and a zero risk-free rate. Hit: BUY above +%.1f%%, SELL below -%.1f%%, HOLD inside. Intervals: 95%% Wilson.</p>",
                m.horizonSessions(), m.horizonSessions(), m.costBps(), m.epsilon() * 100, m.epsilon() * 100));

        html.append("<h2>Strategy and ablation</h2><table><tr><th>weighting</th><th>BUY/HOLD/SELL</th><th>hit rate</th><th>win rate</th>"
                + "<th>avg win</th><th>avg loss</th><th>profit factor</th><th>total return</th><th>annualised</th><th>Sharpe</th>"
                + "<th>Sortino</th><th>max drawdown</th><th>turnover</th></tr>");
        List<VariantResult> variants = new ArrayList<>();
        variants.add(m.asRun());
        variants.addAll(m.ablation());
        for (VariantResult v : variants) {
            html.append("<tr><td>").append(SvgChart.escape(v.name())).append("</td><td>")
                    .append(v.buys()).append('/').append(v.holds()).append('/').append(v.sells()).append("</td><td>")
                    .append(hit(v.hitRate())).append("</td><td>").append(pct(v.trades().winRate())).append("</td><td>")
                    .append(pct2(v.trades().averageWin())).append("</td><td>").append(pct2(v.trades().averageLoss())).append("</td><td>")
                    .append(num(v.trades().profitFactor())).append("</td>");
            returns(html, v.returns());
            html.append("<td>").append(num(v.trades().turnover())).append("</td></tr>");
        }
        html.append("</table><h2>Benchmarks (buy and hold, same tranche construction)</h2><table><tr><th>benchmark</th>"
                + "<th>total return</th><th>annualised</th><th>Sharpe</th><th>Sortino</th><th>max drawdown</th></tr>");
        m.benchmarks().forEach((name, stats) -> {
            html.append("<tr><td>").append(SvgChart.escape(name)).append("</td>");
            returns(html, stats);
            html.append("</tr>");
        });
        html.append("</table><h2>Agents</h2><table><tr><th>agent</th><th>hit rate</th><th>calls</th><th>Brier</th></tr>");
        m.agents().forEach((agent, rate) -> html.append("<tr><td>").append(SvgChart.escape(agent)).append("</td><td>")
                .append(hit(rate)).append("</td><td>").append(rate.total()).append("</td><td>")
                .append(num(m.calibration().get(agent).brier())).append("</td></tr>"));
        html.append("<tr><td>ensemble (as run)</td><td>").append(hit(m.asRun().hitRate())).append("</td><td>")
                .append(m.asRun().hitRate().total()).append("</td><td>").append(num(m.calibration().get("ensemble").brier()))
                .append("</td></tr></table>");

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
            calibration.line(entry.getKey() + " (Brier " + num(entry.getValue().brier()) + ")",
                    bins.stream().mapToDouble(Calibration.Bin::meanConfidence).toArray(),
                    bins.stream().mapToDouble(Calibration.Bin::hitRate).toArray(), SvgChart.PALETTE[colour++ % SvgChart.PALETTE.length], 1.8);
        }
        section(html, "Calibration: stated confidence against realised hit rate (dashed: perfect)", calibration.render());

        SvgChart accuracy = new SvgChart("agent-accuracy", RATIO, PERCENT);
        m.agents().forEach((agent, rate) -> accuracy.bar(agent, rate.rate() == null ? 0 : rate.rate(), rate.lower(), rate.upper()));
        HitRate ensemble = m.asRun().hitRate();
        accuracy.bar("ensemble", ensemble.rate() == null ? 0 : ensemble.rate(), ensemble.lower(), ensemble.upper());
        section(html, "Hit rate per agent with 95% Wilson intervals (dashed: 50%)", accuracy.render());

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
                .append(num(r.sharpe())).append("</td><td>").append(num(r.sortino())).append("</td><td>")
                .append(pct(r.maxDrawdown())).append("</td>");
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
