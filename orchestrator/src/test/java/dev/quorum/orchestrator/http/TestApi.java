package dev.quorum.orchestrator.http;

import dev.quorum.agents.AgentInput;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.SignalBackend;
import dev.quorum.agents.signal.SignalTelemetry;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import dev.quorum.memory.store.AgentError;
import dev.quorum.memory.store.AgentRun;
import dev.quorum.memory.store.DecisionRecord;
import dev.quorum.memory.store.DecisionStore;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.orchestrator.config.HttpConfig;
import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.cycle.TickerDecision;
import dev.quorum.orchestrator.service.Engine;
import dev.quorum.orchestrator.service.EngineStatus;
import dev.quorum.testkit.ProjectPaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;

/** What the seed-fidelity API tests share: the server, an engine with a fixed cycle, a stored decision. */
public final class TestApi {

    private TestApi() {
    }

    /**
     * {@code dir/quorum.yaml} for the commands that read an existing database ({@code errors}, {@code weights}): state
     * under {@code dir/data}, the sample market data, recall off, and Redis never reached (a closed port, connected
     * lazily and never used).
     */
    public static Path storeConfig(Path dir) throws IOException {
        return Files.writeString(dir.resolve("quorum.yaml"), """
                data_dir: "%s"
                market: {data_dir: "%s"}
                memory: {recall_k: 0}
                redis: {url: "redis://127.0.0.1:1/0"}
                """.formatted(dir.resolve("data"), ProjectPaths.root().resolve("samples/market")));
    }

    /** On a free loopback port, no token. */
    public static ApiServer serve(ApiBackends backends) {
        return new ApiServer(new HttpConfig(true, "127.0.0.1", 0, null, List.of()), Optional.empty(), backends);
    }

    /**
     * Stores decision {@code c-1}: AAPL BUY on 2023-06-01, technical BULLISH 0.80 and risk BEARISH 0.60, with
     * {@code errors}.
     */
    public static void saveDecision(Path db, List<AgentError> errors) {
        LocalDate day = LocalDate.parse("2023-06-01");
        AgentInput input = new AgentInput("AAPL", day, Map.of("close", 150.0), List.of(), "");
        SignalTelemetry telemetry = new SignalTelemetry(SignalBackend.RULES, "", "", 0, List.of(), Duration.ZERO, 0, 0, "technical@1", "");
        new DecisionStore(QuorumDatabase.open(db), "quorum:decisions").save(new DecisionRecord("c-1", "AAPL", day, Verdict.BUY,
                0.7, 0.4, "{\"correlation_id\":\"c-1\"}", Map.of(), OptionalDouble.empty(), List.of(
                new AgentRun(new AgentSignal("technical", "trend", Direction.BULLISH, 0.8, "", List.of(), telemetry), input, 1.0),
                new AgentRun(new AgentSignal("risk", "risk", Direction.BEARISH, 0.6, "", List.of(), telemetry), input, 1.0)),
                errors, Instant.parse("2023-06-01T21:00:00Z")));
    }

    /** An engine with a fixed cycle (NVDA BUY): the real one is tested with the cycle; here only the paths are. */
    public record FixedEngine(AtomicBoolean scheduled) implements Engine {

        public FixedEngine() {
            this(new AtomicBoolean());
        }

        @Override
        public EngineStatus status() {
            return new EngineStatus(scheduled.get(), "every 60 s", false, Optional.empty(), Optional.empty(), 0, List.of("NVDA"));
        }

        @Override
        public CycleReport scan() {
            Instant at = Instant.parse("2024-06-03T21:15:00Z");
            return new CycleReport(LocalDate.parse("2024-06-03"), at, at.plusSeconds(2),
                    List.of(new TickerDecision("NVDA", Verdict.BUY, 0.7, 0.7, 4, 4, "ab".repeat(16), List.of())), Map.of(), Map.of(), false);
        }

        @Override
        public boolean start() {
            return !scheduled.getAndSet(true);
        }

        @Override
        public boolean stop() {
            return scheduled.getAndSet(false);
        }
    }
}
