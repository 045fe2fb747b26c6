package dev.quorum.memory.store;

import dev.quorum.agents.AgentInput;
import dev.quorum.agents.signal.Abstention;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.agents.signal.SignalBackend;
import dev.quorum.agents.signal.SignalTelemetry;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Decisions as the orchestrator would hand them to the store, for tests of every package of the memory. */
public final class TestDecisions {

    public static final Instant DECIDED_AT = Instant.parse("2023-06-01T21:00:00Z");

    private TestDecisions() {
    }

    public static AgentInput input(String ticker, LocalDate date) {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("close", 123.25);
        features.put("rsi_14", 61.5);
        features.put("sma_200", 100.0);
        features.put("regime", "bull");
        features.put("tweet_count_5d", 42L);
        return new AgentInput(ticker, date, features, List.of("Analyst upgrades " + ticker, "Guidance raised"),
                "2023-05-01 " + ticker + ": BUY, +3.1% in 5 sessions");
    }

    public static SignalTelemetry telemetry(String agent) {
        return new SignalTelemetry(SignalBackend.OLLAMA, "qwen2.5:7b", "http://127.0.0.1:11434", 1,
                List.of("http://127.0.0.1:11434|qwen2.5:7b -> ok"), Duration.ofMillis(850), 512, 64,
                agent + "@1", "a".repeat(64));
    }

    public static AgentRun signal(String agent, String ticker, LocalDate date, Direction direction, double confidence) {
        return new AgentRun(new AgentSignal(agent, agent + "-domain", direction, confidence, agent + " thinks " + direction,
                List.of("factor one"), telemetry(agent)), input(ticker, date), 1.0);
    }

    public static AgentRun abstention(String agent, String ticker, LocalDate date) {
        return new AgentRun(new Abstention(agent, agent + "-domain", ErrorCategory.NETWORK, "connection refused", telemetry(agent)),
                input(ticker, date), 1.0);
    }

    /** A BUY with technical BULLISH 0.8, risk BEARISH 0.6, sentiment NEUTRAL 0.5 and macro abstaining. */
    public static DecisionRecord decision(String correlationId, String ticker, LocalDate date) {
        return decision(correlationId, ticker, date, Verdict.BUY, List.of(
                signal("technical", ticker, date, Direction.BULLISH, 0.8),
                signal("risk", ticker, date, Direction.BEARISH, 0.6),
                signal("sentiment", ticker, date, Direction.NEUTRAL, 0.5),
                abstention("macro", ticker, date)));
    }

    public static DecisionRecord decision(String correlationId, String ticker, LocalDate date, Verdict verdict, List<AgentRun> agents) {
        return new DecisionRecord(correlationId, ticker, date, verdict, 0.7, 0.35,
                "{\"correlation_id\":\"" + correlationId + "\",\"ticker\":\"" + ticker + "\"}",
                Map.of("technical@1", "a".repeat(64), "synthesis@1", "b".repeat(64)), OptionalDouble.of(0.012),
                agents, List.of(), DECIDED_AT);
    }
}
