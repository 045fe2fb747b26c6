package dev.quorum.orchestrator.reliability;

import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.orchestrator.config.ConfigLoader;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.testkit.ProjectPaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The configuration of an in-process Quorum for fault and input tests: the real loader on a YAML file, so every
 * test runs the composition an operator runs. The panel is the four LLM specialists on an Ollama test server with a
 * two-model chain (or the rules panel), state under a temporary directory.
 */
public final class QuorumRig {

    public static final List<String> TICKERS = List.of("AAPL", "MSFT", "NVDA", "JPM", "XOM");
    public static final String FIRST_MODEL = "qwen2.5:7b";
    public static final String SECOND_MODEL = "llama3.1:8b";

    private QuorumRig() {
    }

    /** The four specialists on the Ollama test server at {@code ollamaUrl}, models tried in chain order. */
    public static String llmPanel(String ollamaUrl) {
        return llmPanel(ollamaUrl, ollamaUrl, 10);
    }

    /**
     * The four specialists; the first model is served by {@code firstUrl}, the second by {@code secondUrl} (two
     * endpoints, as with two Ollama hosts). One attempt per model keeps fault tests short.
     */
    public static String llmPanel(String firstUrl, String secondUrl, int callTimeoutSeconds) {
        return "agents:\n"
                + "  - {name: technical, domain: trend-momentum, backend: ollama, fallback: none}\n"
                + "  - {name: risk, domain: volatility-drawdown, backend: ollama, fallback: none}\n"
                + "  - {name: sentiment, domain: news-sentiment, backend: ollama, fallback: none}\n"
                + "  - {name: macro, domain: regime-rates, backend: ollama, fallback: none}\n"
                + "ollama:\n"
                + "  endpoints: [{name: first, url: \"" + firstUrl + "\", parallel: 4}, {name: second, url: \"" + secondUrl + "\", parallel: 4}]\n"
                + "  chain: [{endpoint: first, model: \"" + FIRST_MODEL + "\"}, {endpoint: second, model: \"" + SECOND_MODEL + "\"}]\n"
                + "resilience: {call_timeout_seconds: " + callTimeoutSeconds + ", max_attempts: 1, backoff_initial_millis: 1, breaker_window_calls: 100,"
                + " breaker_failure_rate_percent: 100}\n";
    }

    /** Loads a configuration: state under {@code dataDir}, market data from {@code marketDir}, plus {@code yaml}. */
    public static QuorumConfig config(Path dataDir, Path marketDir, String redisUrl, String yaml) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("quorum.yaml");
        Files.writeString(file, "watchlist: [" + String.join(", ", TICKERS) + "]\n"
                + "data_dir: \"" + dataDir + "\"\n"
                + "prompts_dir: \"" + ProjectPaths.root().resolve("prompts") + "\"\n"
                + "market: {data_dir: \"" + marketDir + "\"}\n"
                + yaml);
        // The URL through the environment, as an operator must when it carries a password.
        return new ConfigLoader(Map.of("QUORUM_REDIS_URL", redisUrl)).from(Optional.of(file));
    }

    /** Runs one cycle that must decide every ticker; returns the correlation ids of the decisions. */
    public static java.util.Set<String> decideAll(dev.quorum.orchestrator.runtime.QuorumRuntime runtime, List<String> tickers,
                                                  LocalDate date) {
        dev.quorum.orchestrator.cycle.CycleReport report = runtime.cycle().run(tickers, date, () -> false);
        if (!report.complete()) {
            throw new AssertionError("every ticker must be decided: " + report.failed());
        }
        return report.decided().stream().map(dev.quorum.orchestrator.cycle.TickerDecision::correlationId)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The shipped sample market data. */
    public static Path sampleMarket() {
        return ProjectPaths.root().resolve("samples/market");
    }

    /** A copy of the shipped sample market data at {@code market}, for a test that changes its files. */
    public static Path sampleMarketCopy(Path market) throws IOException {
        try (Stream<Path> files = Files.walk(sampleMarket())) {
            for (Path source : files.filter(Files::isRegularFile).toList()) {
                Path target = market.resolve(sampleMarket().relativize(source).toString());
                Files.createDirectories(target.getParent());
                Files.copy(source, target);
            }
        }
        return market;
    }

    /** The last {@code count} sessions of the sample, oldest first. */
    public static List<LocalDate> lastSessions(Path marketDir, int count) {
        List<LocalDate> sessions = CsvMarketData.open(marketDir).calendar().sessions();
        return sessions.subList(sessions.size() - count, sessions.size());
    }
}
