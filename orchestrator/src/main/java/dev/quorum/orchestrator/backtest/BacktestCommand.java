package dev.quorum.orchestrator.backtest;

import ch.qos.logback.classic.Level;
import dev.quorum.agents.prompts.PromptMode;
import dev.quorum.orchestrator.backtest.metrics.BacktestMetrics;
import dev.quorum.orchestrator.backtest.metrics.BlockBootstrap;
import dev.quorum.orchestrator.backtest.metrics.Directional;
import dev.quorum.orchestrator.backtest.metrics.HitRate;
import dev.quorum.orchestrator.backtest.metrics.ReturnStats;
import dev.quorum.orchestrator.backtest.metrics.StrategyRules;
import dev.quorum.orchestrator.backtest.metrics.VariantResult;
import dev.quorum.orchestrator.backtest.report.HtmlReport;
import dev.quorum.orchestrator.backtest.report.JsonReport;
import dev.quorum.orchestrator.cli.ConfigOption;
import dev.quorum.orchestrator.cli.ExitCodes;
import dev.quorum.orchestrator.cli.LowerCaseEnum;
import dev.quorum.orchestrator.cli.Switch;
import dev.quorum.orchestrator.cli.TickerOption;
import dev.quorum.orchestrator.config.ConfigException;
import dev.quorum.orchestrator.config.QuorumConfig;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code quorum backtest}: walk-forward replay through the production cycle, with figures and reports. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Replays history session by session through the production decision cycle (no look-ahead), "
                + "learning trust weights and the meta-learner online; resumable (progress is the --db file)."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.DONE, ExitCodes.NOT_DONE + ":stopped before the end (run again to resume)", ExitCodes.USAGE + " (also bad data, or a --db holding a run of other settings)",
                ExitCodes.DATABASE_UNUSABLE + "; also a --db holding decisions no backtest made (a service's)"})
public final class BacktestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "Market data directory (prices/, macro/, news/).")
    Path data;

    @Option(names = "--tickers", paramLabel = "T", split = ",", converter = TickerOption.class, required = true, description = "Tickers, comma separated.")
    List<String> tickers;

    @Option(names = "--from", paramLabel = "D1", required = true, description = "First trade date (ISO).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "D2", required = true, description = "Last trade date (ISO).")
    LocalDate to;

    @Option(names = "--backend", defaultValue = "rules", converter = Backends.class, completionCandidates = Backends.class,
            description = "Agents: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    BacktestConfig.Backend backend;

    static final class Backends extends LowerCaseEnum<BacktestConfig.Backend> {
        Backends() {
            super(BacktestConfig.Backend.class);
        }
    }

    @Option(names = "--policy", paramLabel = "P", defaultValue = "beta-log-odds",
            description = "Trust policy: beta-log-odds, outcome-ema, win-rate, consensus-agreement, correctness-step or equal (default ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--db", paramLabel = "FILE", defaultValue = "var/backtest.db",
            description = "SQLite file of this backtest; its progress: run again with the same settings to resume (a later --to carries the run on; other settings are refused) (default ${DEFAULT-VALUE}).")
    Path database;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = ConfigOption.FROM_ENVIRONMENT, description = ConfigOption.DESCRIPTION + " This command's other options override it.")
    Path config;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the HTML report here.")
    Path report;

    @Option(names = "--json", paramLabel = "FILE", description = "Write every figure as JSON here.")
    Path json;

    @Option(names = "--cost-bps", paramLabel = "BPS", defaultValue = "0", description = "Cost per side in basis points of the traded notional, charged on net weight changes (default ${DEFAULT-VALUE}).")
    double costBps;

    @Option(names = "--slippage-bps", paramLabel = "BPS", defaultValue = "0",
            description = "Slippage per side in basis points, added to the cost (default ${DEFAULT-VALUE}).")
    double slippageBps;

    @Option(names = "--publish", defaultValue = "none", converter = Publishing.class, completionCandidates = Publishing.class,
            description = "${COMPLETION-CANDIDATES}: envelopes stay in the backtest's outbox (none) or go to <db>.state/envelopes.jsonl (file); never to Redis.")
    Backtest.Publish publish;

    static final class Publishing extends LowerCaseEnum<Backtest.Publish> {
        Publishing() {
            super(Backtest.Publish.class);
        }
    }

    @Option(names = "--llm-cache", paramLabel = "FILE", defaultValue = "var/llm-cache.db",
            description = "LLM reply cache (SQLite): replays with unchanged prompts make no LLM call (default ${DEFAULT-VALUE}).")
    Path llmCache;

    @Option(names = "--recall", defaultValue = "on", converter = Switch.Values.class, completionCandidates = Switch.Values.class,
            description = "${COMPLETION-CANDIDATES}: similar-situation recall as the service does it (on), or off: much faster; the rules agents do not read it (default ${DEFAULT-VALUE}).")
    Switch recall;

    @Option(names = "--max-sessions", paramLabel = "N", description = "Decide at most N new sessions, then stop (resume later).")
    Integer maxSessions;

    @Option(names = "--commit-every", paramLabel = "SESSIONS", defaultValue = "" + BacktestSettings.DEFAULT_COMMIT_EVERY,
            description = "Sessions per SQLite commit: a killed run resumes from the last one; 0 commits each operation"
                    + " on its own, as the service does (default ${DEFAULT-VALUE}).")
    int commitEvery;

    @Option(names = "--anonymise", converter = Switch.Values.class, completionCandidates = Switch.Values.class,
            description = "LLM prompts without the ticker, company names or calendar dates, prices rescaled, so a model"
                    + " cannot answer from what it remembers of the period: ${COMPLETION-CANDIDATES} (default: on for --backend ollama).")
    Switch anonymise;

    @Option(names = "--pipeline", converter = Switch.Values.class, completionCandidates = Switch.Values.class,
            description = "Ask the LLM agents of the next sessions (up to the outcome horizon) while one is decided, keeping"
                    + " the model busy; the decisions are those of the session-by-session walk: ${COMPLETION-CANDIDATES}"
                    + " (default: on for --backend ollama; the rules agents gain nothing).")
    Switch pipeline;

    @Option(names = "--verbose", description = "Log every decision.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BacktestSettings settings;
        QuorumConfig quorumConfig;
        PromptMode promptMode;
        try {
            settings = new BacktestSettings(data, tickers.stream().distinct().toList(), from, to, database,
                    maxSessions == null ? OptionalInt.empty() : OptionalInt.of(maxSessions), commitEvery);
            new StrategyRules(1, costBps, slippageBps); // refuses bad costs now rather than after the walk
            promptMode = (anonymise == null ? backend == BacktestConfig.Backend.OLLAMA : anonymise.on())
                    ? PromptMode.ANONYMISED : PromptMode.LIVE;
            quorumConfig = BacktestConfig.of(settings, Optional.ofNullable(config), backend, policy, recall.on(),
                    System.getenv());
        } catch (IllegalArgumentException | ConfigException e) {
            err.println("quorum backtest: " + e.getMessage());
            err.flush();
            return 2;
        }
        if (!verbose) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.quorum")).setLevel(Level.WARN);
        }
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                // Let the decision in flight commit, so the next run resumes right after it.
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "backtest-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Backtest.Outcome outcome;
        try {
            Progress progress = new Progress(System.err);
            outcome = Backtest.run(quorumConfig, settings, backend, costBps, slippageBps, publish, llmCache, promptMode,
                    pipeline == null ? backend == BacktestConfig.Backend.OLLAMA : pipeline.on(), progress, stop::get);
        } catch (IllegalArgumentException e) {
            err.println("quorum backtest: " + e.getMessage());
            err.flush();
            return 2;
        } finally {
            finished.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already stopping: the hook is running, nothing to remove
        }
        print(out, outcome);
        if (report != null) {
            HtmlReport.write(report, outcome.info(), outcome.metrics(), outcome.weights());
            out.println("HTML report: " + report);
        }
        if (json != null) {
            JsonReport.write(json, outcome.info(), outcome.metrics(), outcome.weights());
            out.println("JSON figures: " + json);
        }
        out.flush();
        return outcome.walk().stopped() ? 1 : 0;
    }

    private static void print(PrintWriter out, Backtest.Outcome outcome) {
        var walk = outcome.walk();
        var info = outcome.info();
        BacktestMetrics m = outcome.metrics();
        if (walk.stopped()) {
            out.printf(Locale.ROOT, "Stopped at %s after deciding %d session(s) in this run; run the same command again to resume.%n",
                    walk.resolvedThrough(), walk.sessionsDecided());
        }
        out.printf(Locale.ROOT, "%s %s..%s backend %s policy %s: %d decisions, %d resolved%s%n", String.join(",", info.tickers()),
                info.from(), info.to(), info.backend(), info.policy(), info.decisions(), info.resolved(),
                info.decisionsPerSecond() == null ? "" : String.format(Locale.ROOT, ", %.1f decisions/s", info.decisionsPerSecond()));
        if (!walk.failures().isEmpty()) {
            out.printf("%d (ticker, session) could not be decided, e.g. %s%n", walk.failures().size(),
                    walk.failures().entrySet().iterator().next());
        }
        out.printf(Locale.ROOT, "Book: each decision holds 1/(tickers x %d) of the book for %d sessions, next open to the open after "
                        + "(BUY long, SELL short, HOLD flat), marked at every close, %d sessions %s..%s; costs %.1f + slippage %.1f bps "
                        + "per side on net weight changes. Sharpe/Sortino/vol annualised (252, rf 0). The outcome band "
                        + "epsilon %.2f%% only feeds the replayed trust learning and the meta-learner row's threshold.%n",
                m.horizonSessions(), m.horizonSessions(), m.sessions().size(), m.sessions().isEmpty() ? "-" : m.sessions().get(0),
                m.sessions().isEmpty() ? "-" : m.sessions().get(m.sessions().size() - 1), m.costBps(), m.slippageBps(),
                m.epsilon() * 100);
        List<VariantResult> variants = new ArrayList<>();
        variants.add(m.asRun());
        variants.addAll(m.ablation());
        String returnsHeader = "%-28s %-40s %8s %8s %7s %6s %7s %8s %6s %5s %6s  %s%n";
        String returnsRow = "%-28s %-40s %8s %8s %7s %6s %7s %8s %6d %5s %6s  %s%n";
        out.printf(Locale.ROOT, returnsHeader, "returns (daily book)", "includes", "total", "annual", "vol", "Sharpe",
                "Sortino", "max DD", "DD ses", "expo", "turn/y",
                "return/yr minus its baseline's [95% block bootstrap, L=" + m.bootstrap().blockLength() + " sessions]");
        for (VariantResult v : variants) {
            ReturnStats r = v.returns();
            out.printf(Locale.ROOT, returnsRow, v.name(), includes(v), pct(r.totalReturn()), pct(r.annualisedReturn()),
                    pct(r.volatility()), num(r.sharpe()), num(r.sortino()), pct(r.maxDrawdown()), r.maxDrawdownSessions(),
                    String.format(Locale.ROOT, "%.2f", v.exposure()), String.format(Locale.ROOT, "%.1f", v.turnover()),
                    difference(v.versusBaseline()));
        }
        for (var benchmark : m.benchmarks().entrySet()) {
            ReturnStats r = benchmark.getValue();
            out.printf(Locale.ROOT, returnsRow, benchmark.getKey(), "buy and hold", pct(r.totalReturn()),
                    pct(r.annualisedReturn()), pct(r.volatility()), num(r.sharpe()), num(r.sortino()), pct(r.maxDrawdown()),
                    r.maxDrawdownSessions(), "", "", "");
        }
        out.printf(Locale.ROOT, "%-28s %-15s %-22s %-22s %-22s %6s %7s %7s %-17s%n", "direction (sign of the " + m.horizonSessions()
                        + "-session return)", "long/flat/short", "long accuracy", "short accuracy", "accuracy [95% Wilson]",
                "cover", "always", "random", "flat |r| / all |r|");
        for (VariantResult v : variants) {
            direction(out, v.name(), v.directional());
        }
        m.agents().forEach((agent, d) -> direction(out, "agent " + agent, d));
        out.println("calibration of BUY/SELL (agents: BULLISH/BEARISH) confidence against getting the sign right:");
        m.calibration().forEach((name, c) -> {
            out.printf(Locale.ROOT, "  %-22s %6d calls  Brier %s  (base rate %s)  ", name, c.calls(), num3(c.brier()),
                    num3(c.baseRateBrier()));
            List<String> bins = new ArrayList<>();
            for (var bin : c.bins()) {
                if (bin.calls() > 0) {
                    bins.add(String.format(Locale.ROOT, "%.1f-%.1f: %d at %s", bin.lower(), bin.upper(), bin.calls(), pct(bin.hitRate())));
                }
            }
            out.println(String.join(", ", bins));
        });
        var cache = info.llmCache();
        out.printf(Locale.ROOT, "LLM reply cache: %d hits, %d calls made (hit rate %s), %d tokens spent, %d saved%n",
                cache.hits(), cache.misses(), pct(cache.hitRate()), cache.tokensSpent(), cache.tokensSaved());
    }

    private static void direction(PrintWriter out, String name, Directional d) {
        out.printf(Locale.ROOT, "%-28s %-15s %-22s %-22s %-22s %6s %7s %7s %-17s%n", name, d.longs() + "/" + d.flats() + "/" + d.shorts(),
                rate(d.longAccuracy()), rate(d.shortAccuracy()), rate(d.accuracy()), pct(d.coverage()), pct(d.alwaysLong()),
                pct(d.randomSameMix()), pct2(d.flatMeanAbsMove()) + " / " + pct2(d.meanAbsMove()));
    }

    /** What a row's verdicts went through. */
    static String includes(VariantResult v) {
        return v.weighting() + (v.guard() ? " +guard" : " -guard") + (v.review() ? " +review" : " -review");
    }

    private static String difference(BlockBootstrap.Difference d) {
        if (d == null) {
            return "(baseline)";
        }
        if (d.estimate() == null) {
            return "-";
        }
        String interval = d.lower() == null ? "" : String.format(Locale.ROOT, " [%+.1f, %+.1f]", d.lower() * 100, d.upper() * 100);
        return String.format(Locale.ROOT, "%+.1f%%%s%s vs %s", d.estimate() * 100, interval, d.significant() ? " *" : "",
                d.baseline());
    }

    private static String rate(HitRate r) {
        return r.rate() == null ? "-" : String.format(Locale.ROOT, "%.1f%% [%.1f, %.1f] %d", r.rate() * 100, r.lower() * 100,
                r.upper() * 100, r.total());
    }

    private static String pct2(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f%%", v * 100);
    }

    private static String num3(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String pct(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    private static String num(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
