package dev.quorum.orchestrator.backtest;

import dev.quorum.memory.trust.TrustPolicies;
import dev.quorum.testkit.ProjectPaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/** Backtests over a private copy of the shipped market sample (2023-2024), with the rules backend and the default trust policy. */
public final class SampleBacktests {

    static final List<String> TICKERS = List.of("AAPL", "MSFT");

    private SampleBacktests() {
    }

    /** Copies samples/market into {@code target} (a test may then corrupt the copy). */
    public static Path copySample(Path target) {
        Path source = ProjectPaths.root().resolve("samples").resolve("market");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /**
     * A configuration file with every LLM role, the synthesis included, on {@code model} served by the Ollama (test)
     * servers at {@code urls}, each taking {@code parallel} calls at once.
     */
    static Path ollamaConfig(Path file, List<String> urls, String model, int parallel) {
        return ollamaConfig(file, ProjectPaths.root().resolve("prompts"), urls, model, parallel);
    }

    /** As {@link #ollamaConfig(Path, List, String, int)}, with the prompt files of {@code prompts}. */
    static Path ollamaConfig(Path file, Path prompts, List<String> urls, String model, int parallel) {
        StringBuilder endpoints = new StringBuilder();
        for (int i = 0; i < urls.size(); i++) {
            endpoints.append("    - {name: e").append(i).append(", url: \"").append(urls.get(i)).append("\", parallel: ")
                    .append(parallel).append("}\n");
        }
        try {
            return Files.writeString(file, "prompts_dir: " + prompts + "\n"
                    + "synthesis: {backend: ollama}\n"
                    + "ollama:\n  endpoints:\n" + endpoints + "  chain:\n    - {model: \"" + model + "\"}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BacktestSettings settings(Path data, Path db, LocalDate from, LocalDate to, OptionalInt maxSessions) {
        return new BacktestSettings(data, TICKERS, from, to, db, maxSessions);
    }

    static Backtest.Outcome run(BacktestSettings settings) {
        return run(settings, true);
    }

    static Backtest.Outcome run(BacktestSettings settings, boolean recall) {
        var config = BacktestConfig.of(settings, Optional.empty(), BacktestConfig.Backend.RULES, TrustPolicies.DEFAULT, recall, Map.of());
        return Backtest.run(config, settings, BacktestConfig.Backend.RULES, 0.0, 0.0, Backtest.Publish.NONE,
                settings.stateDirectory().resolve("llm-cache.db"), Progress.SILENT, () -> false);
    }
}
