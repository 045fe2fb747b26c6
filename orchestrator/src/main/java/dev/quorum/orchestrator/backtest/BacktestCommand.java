package dev.quorum.orchestrator.backtest;

import ch.qos.logback.classic.Level;
import dev.quorum.agents.prompts.PromptMode;
import dev.quorum.orchestrator.backtest.metrics.BacktestMetrics;
import dev.quorum.orchestrator.backtest.metrics.ReturnStats;
import dev.quorum.orchestrator.backtest.metrics.VariantResult;
import dev.quorum.orchestrator.backtest.report.HtmlReport;
import dev.quorum.orchestrator.backtest.report.JsonReport;
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
                + "learning trust weights and the meta-learner online; resumable (progress is the --db file).",
                "Exit codes: 0 done, 1 stopped before the end (run again to resume), 2 bad option or data."})
public final class BacktestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "Market data directory (prices/, macro/, news/).")
    Path data;

    @Option(names = "--tickers", paramLabel = "T", split = ",", required = true, description = "Tickers, comma separated.")
    List<String> tickers;

    @Option(names = "--from", paramLabel = "D1", required = true, description = "First trade date (ISO).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "D2", required = true, description = "Last trade date (ISO).")
    LocalDate to;

    @Option(names = "--backend", paramLabel = "rules|ollama", defaultValue = "rules", description = "Agents (default ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--policy", paramLabel = "P", defaultValue = "outcome-ema",
            description = "Trust policy: outcome-ema, win-rate, consensus-agreement or equal (default ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--db", paramLabel = "FILE", defaultValue = "var/backtest.db",
            description = "SQLite file of this backtest; its progress: run again to resume (default ${DEFAULT-VALUE}).")
    Path database;

    @Option(names = "--config", paramLabel = "FILE", description = "Base configuration (agents, Ollama, thresholds); the options above override it.")
    Path config;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the HTML report here.")
    Path report;

    @Option(names = "--json", paramLabel = "FILE", description = "Write every figure as JSON here.")
    Path json;

    @Option(names = "--cost-bps", paramLabel = "BPS", defaultValue = "0", description = "Cost per side in basis points (default ${DEFAULT-VALUE}).")
    double costBps;

    @Option(names = "--publish", paramLabel = "none|file", defaultValue = "none",
            description = "Envelopes stay in the backtest's outbox (none) or go to <db>.state/envelopes.jsonl (file); never to Redis.")
    String publish;

    @Option(names = "--llm-cache", paramLabel = "FILE", defaultValue = "var/llm-cache.db",
            description = "LLM reply cache (SQLite): replays with unchanged prompts make no LLM call (default ${DEFAULT-VALUE}).")
    Path llmCache;

    @Option(names = "--recall", paramLabel = "on|off", defaultValue = "on",
            description = "Similar-situation recall as the service does it (on), or off: much faster; the rules agents do not read it (default ${DEFAULT-VALUE}).")
    String recall;

    @Option(names = "--max-sessions", paramLabel = "N", description = "Decide at most N new sessions, then stop (resume later).")
    Integer maxSessions;

    @Option(names = "--anonymise", paramLabel = "on|off",
            description = "LLM prompts without the ticker, company names or calendar dates, prices rescaled, so a model"
                    + " cannot answer from what it remembers of the period (default: on for --backend ollama).")
    String anonymise;

    @Option(names = "--verbose", description = "Log every decision.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BacktestSettings settings;
        QuorumConfig quorumConfig;
        BacktestConfig.Backend chosenBackend;
        Backtest.Publish chosenPublish;
        PromptMode promptMode;
        try {
            chosenBackend = BacktestConfig.Backend.valueOf(backend.toUpperCase(Locale.ROOT));
            chosenPublish = Backtest.Publish.valueOf(publish.toUpperCase(Locale.ROOT));
            settings = new BacktestSettings(data, tickers.stream().map(String::trim).toList(), from, to, database,
                    maxSessions == null ? OptionalInt.empty() : OptionalInt.of(maxSessions));
            if (anonymise != null && !anonymise.equals("on") && !anonymise.equals("off")) {
                throw new IllegalArgumentException("--anonymise must be on or off, was " + anonymise);
            }
            promptMode = (anonymise == null ? chosenBackend == BacktestConfig.Backend.OLLAMA : anonymise.equals("on"))
                    ? PromptMode.ANONYMISED : PromptMode.LIVE;
            if (!recall.equals("on") && !recall.equals("off")) {
                throw new IllegalArgumentException("--recall must be on or off, was " + recall);
            }
            quorumConfig = BacktestConfig.of(settings, Optional.ofNullable(config), chosenBackend, policy, recall.equals("on"),
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
            outcome = Backtest.run(quorumConfig, settings, chosenBackend, costBps, chosenPublish, llmCache, promptMode,
                    progress, stop::get);
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
        out.printf("%-28s %9s %9s %9s %8s %8s %9s %8s%n", "", "hit", "win", "total", "annual", "Sharpe", "max DD", "turnover");
        List<VariantResult> variants = new ArrayList<>();
        variants.add(m.asRun());
        variants.addAll(m.ablation());
        for (VariantResult v : variants) {
            out.printf(Locale.ROOT, "%-28s %9s %9s %9s %8s %8s %9s %8.2f%n", v.name(), pct(v.hitRate().rate()),
                    pct(v.trades().winRate()), pct(v.returns().totalReturn()), pct(v.returns().annualisedReturn()),
                    num(v.returns().sharpe()), pct(v.returns().maxDrawdown()), v.trades().turnover());
        }
        for (var benchmark : m.benchmarks().entrySet()) {
            ReturnStats r = benchmark.getValue();
            out.printf(Locale.ROOT, "%-28s %9s %9s %9s %8s %8s %9s%n", benchmark.getKey(), "", "", pct(r.totalReturn()),
                    pct(r.annualisedReturn()), num(r.sharpe()), pct(r.maxDrawdown()));
        }
        var cache = info.llmCache();
        out.printf(Locale.ROOT, "LLM reply cache: %d hits, %d calls made (hit rate %s), %d tokens spent, %d saved%n",
                cache.hits(), cache.misses(), pct(cache.hitRate()), cache.tokensSpent(), cache.tokensSaved());
        m.agents().forEach((agent, rate) -> out.printf(Locale.ROOT, "agent %-22s hit %s [%s, %s] of %d calls%n", agent,
                pct(rate.rate()), pct(rate.lower()), pct(rate.upper()), rate.total()));
    }

    private static String pct(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    private static String num(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
