package dev.quorum.agents.federation;

import dev.quorum.agents.AgentInput;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.signal.Abstention;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.agents.signal.SignalBackend;
import dev.quorum.envelope.Direction;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seed 003's model signals, written with the seed's own redis-cli payloads, read by the panel member. */
class ModelSignalAgentTest {

    /** The seed's example signals carry timestamp 1234567890; the clock reads 30 s later. */
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1234567890L + 30), ZoneOffset.UTC);
    private static final AgentInput INPUT = new AgentInput("NVDA", LocalDate.parse("2024-06-03"), Map.of(), List.of(), "");

    private final RedisServer server = new RedisServer();
    private RedisClient redis;

    @BeforeEach
    void start() {
        server.start();
        redis = RedisClient.builder().hostAndPort(server.host(), server.port()).build();
    }

    @AfterEach
    void stop() {
        redis.close();
        server.close();
    }

    private AgentOutcome assess(String model) {
        return new ModelSignalAgent(model, "external-model", redis, Duration.ofSeconds(60), CLOCK)
                .assess(INPUT, DecisionBudget.unlimited());
    }

    @Test
    void should_vote_the_seed_actions_as_panel_directions() {
        redis.set("quantum:model:xgb:signal", "{\"action\":\"BUY\",\"confidence\":0.85,\"timestamp\":1234567890}");
        redis.set("quantum:model:nhits:signal", "{\"action\":\"SELL\",\"confidence\":0.65,\"timestamp\":1234567890}");
        redis.set("quantum:model:lgbm:signal", "{\"action\":\"HOLD\",\"confidence\":0.5,\"timestamp\":1234567890}");

        AgentSignal xgb = assertInstanceOf(AgentSignal.class, assess("xgb"));
        assertEquals(Direction.BULLISH, xgb.signal());
        assertEquals(0.85, xgb.confidence());
        assertEquals("xgb", xgb.agent());
        assertEquals(SignalBackend.REDIS, xgb.telemetry().backend());
        assertEquals("quantum:model:xgb:signal", xgb.telemetry().endpoint());
        assertEquals(Direction.BEARISH, assertInstanceOf(AgentSignal.class, assess("nhits")).signal());
        assertEquals(Direction.NEUTRAL, assertInstanceOf(AgentSignal.class, assess("lgbm")).signal());
    }

    @Test
    void should_abstain_with_the_reason_when_the_signal_is_malformed() {
        redis.set("quantum:model:xgb:signal", "{\"action\":\"STRONG_BUY\",\"confidence\":0.85,\"timestamp\":1234567890}");
        redis.set("quantum:model:patchtst:signal", "{\"action\":\"BUY\",\"confidence\":1.3,\"timestamp\":1234567890}");
        redis.set("quantum:model:nhits:signal", "{\"action\":\"SELL\",\"confidence\":0.65}");
        redis.set("quantum:model:tft:signal", "BUY");

        Abstention action = assertInstanceOf(Abstention.class, assess("xgb"));
        assertEquals(ErrorCategory.MODEL, action.category());
        assertTrue(action.reason().contains("action must be"), action.reason());
        assertTrue(assertInstanceOf(Abstention.class, assess("patchtst")).reason().contains("confidence must be a number in [0, 1], was 1.3"));
        assertTrue(assertInstanceOf(Abstention.class, assess("nhits")).reason().contains("timestamp must be epoch seconds"));
        assertTrue(assertInstanceOf(Abstention.class, assess("tft")).reason().contains("not valid JSON"));
    }

    @Test
    void should_abstain_when_the_signal_is_older_than_the_max_age_or_missing() {
        redis.set("quantum:model:xgb:signal", "{\"action\":\"BUY\",\"confidence\":0.85,\"timestamp\":1234567800}");

        Abstention stale = assertInstanceOf(Abstention.class, assess("xgb"));
        assertEquals(ErrorCategory.DATA, stale.category());
        assertEquals("stale signal at quantum:model:xgb:signal: 120 s old, max age 60 s", stale.reason());
        Abstention missing = assertInstanceOf(Abstention.class, assess("patchtst"));
        assertEquals("no signal at quantum:model:patchtst:signal", missing.reason());
    }

    @Test
    void should_count_only_the_signals_proposed_within_the_consensus_window_of_the_newest() {
        // Seed 000's window (10 s) over seed 003's models: xgb wrote last, patchtst 4 s before it, nhits 25 s before
        // it (still inside the 60 s max age, so only the window leaves it out); a stale signal sets no window.
        redis.set("quantum:model:xgb:signal", "{\"action\":\"BUY\",\"confidence\":0.85,\"timestamp\":1234567915}");
        redis.set("quantum:model:patchtst:signal", "{\"action\":\"BUY\",\"confidence\":0.78,\"timestamp\":1234567911}");
        redis.set("quantum:model:nhits:signal", "{\"action\":\"SELL\",\"confidence\":0.65,\"timestamp\":1234567890}");
        List<String> models = List.of("xgb", "patchtst", "nhits");
        ConsensusWindow window = new ConsensusWindow(redis, models, Duration.ofSeconds(10), Duration.ofSeconds(60));

        Map<String, AgentOutcome> outcomes = new java.util.LinkedHashMap<>();
        for (String model : models) {
            outcomes.put(model, new ModelSignalAgent(model, "external-model", redis, Duration.ofSeconds(60),
                    java.util.Optional.of(window), CLOCK).assess(INPUT, DecisionBudget.unlimited()));
        }

        assertEquals(0.85, assertInstanceOf(AgentSignal.class, outcomes.get("xgb")).confidence());
        assertEquals(0.78, assertInstanceOf(AgentSignal.class, outcomes.get("patchtst")).confidence());
        Abstention late = assertInstanceOf(Abstention.class, outcomes.get("nhits"));
        assertEquals(ErrorCategory.DATA, late.category());
        assertEquals("quantum:model:nhits:signal is outside the 10 s consensus window: proposed at 2009-02-13T23:31:30Z,"
                + " 25 s before xgb's signal at 2009-02-13T23:31:55Z", late.reason());

        // xgb's signal goes stale (dated 2 minutes in the future): patchtst is now the newest and nhits is 21 s behind it.
        redis.set("quantum:model:xgb:signal", "{\"action\":\"BUY\",\"confidence\":0.85,\"timestamp\":1234568040}");
        redis.set("quantum:model:nhits:signal", "{\"action\":\"SELL\",\"confidence\":0.65,\"timestamp\":1234567903}");
        AgentOutcome nhits = new ModelSignalAgent("nhits", "external-model", redis, Duration.ofSeconds(60),
                java.util.Optional.of(window), CLOCK).assess(INPUT, DecisionBudget.unlimited());
        assertEquals(0.65, assertInstanceOf(AgentSignal.class, nhits).confidence(), "8 s before patchtst: inside the window");
    }
}
