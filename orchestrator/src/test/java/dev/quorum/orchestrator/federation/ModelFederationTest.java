package dev.quorum.orchestrator.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.memory.trust.TrustWeightEvent;
import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.reliability.QuorumRig;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 003 end to end: external models write the seed's signals to Redis, the configured panel of {@code backend:
 * redis} agents votes them, and the decision writes the seed's keys beside the envelope.
 */
class ModelFederationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final RedisServer server = new RedisServer();
    private RedisClient redis;
    private QuorumRuntime runtime;

    @BeforeEach
    void start() {
        server.start();
        redis = RedisClient.builder().hostAndPort(server.host(), server.port()).build();
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
        redis.close();
        server.close();
    }

    private QuorumRuntime open(int eventsCap) throws Exception {
        return open(eventsCap, "");
    }

    private QuorumRuntime open(int eventsCap, String extraYaml) throws Exception {
        // The seed's own trust memory (default 1.0, +0.05 agreeing, -0.03 disagreeing) is the consensus-agreement policy.
        runtime = QuorumRuntime.open(QuorumRig.config(dir.resolve("state"), QuorumRig.sampleMarket(), server.url(), """
                agents:
                  - {name: xgb, domain: gradient-boosting, backend: redis}
                  - {name: patchtst, domain: transformer-forecast, backend: redis}
                  - {name: nhits, domain: neural-hierarchical, backend: redis}
                review: {risk_agent: nhits}
                trust: {policy: consensus-agreement}
                memory: {recall_k: 0}
                federation: {max_signal_age_seconds: 600, publish_keys: true, trust_events_cap: %d}
                """.formatted(eventsCap) + extraYaml), PublishTarget.REDIS);
        return runtime;
    }

    /** The seed's redis-cli injection, stamped now so the signals are fresh. */
    private void injectSeedSignals() {
        long now = System.currentTimeMillis() / 1000;
        redis.set("quantum:model:xgb:signal", "{\"action\":\"BUY\",\"confidence\":0.85,\"timestamp\":" + now + "}");
        redis.set("quantum:model:patchtst:signal", "{\"action\":\"BUY\",\"confidence\":0.78,\"timestamp\":" + now + "}");
        redis.set("quantum:model:nhits:signal", "{\"action\":\"SELL\",\"confidence\":0.65,\"timestamp\":" + now + "}");
    }

    private void decide(LocalDate date) {
        CycleReport report = runtime.cycle().run(List.of("NVDA"), date, () -> false);
        assertTrue(report.complete(), report.failed().toString());
    }

    @Test
    void should_give_the_seed_example_consensus_buy_with_agreement_two_thirds() throws Exception {
        open(100);
        injectSeedSignals();
        LocalDate date = QuorumRig.lastSessions(QuorumRig.sampleMarket(), 1).get(0);

        decide(date);

        JsonNode signal = JSON.readTree(redis.get("quantum:consensus:signal"));
        assertEquals("BUY", signal.get("action").asText());
        // Weights all 1.0 before any outcome: BUY strength 0.85 + 0.78 = 1.63 of 1.63 + 0.65 = 2.28 -> 0.715.
        assertEquals(0.715, signal.get("confidence").asDouble());
        assertEquals(3, signal.get("models_used").asInt());
        assertEquals(0.667, signal.get("agreement_pct").asDouble());
        assertEquals(JSON.readTree("{\"xgb\":1,\"patchtst\":1,\"nhits\":1}"), signal.get("trust_weights"));
        assertEquals("NVDA", signal.get("symbol").asText());
        assertEquals("1", redis.get("quantum:trust:xgb"));
        assertEquals(Map.of("xgb", "1", "patchtst", "1", "nhits", "1"), redis.hgetAll("quantum:trust:history"));
        Map<String, String> metrics = redis.hgetAll("quantum:federation:metrics");
        assertEquals("1", metrics.get("iterations"));
        assertEquals("3", metrics.get("models_used"));
        assertEquals("0", metrics.get("abstentions"));
        assertEquals("0.667", metrics.get("agreement_pct"));
        // The envelope is still published beside the seed's keys, with the models as its agents.
        runtime.publisher().drain();
        assertEquals(1, redis.xlen(runtime.config().redis().stream()));
    }

    @Test
    void should_keep_the_last_trust_adjustments_up_to_the_cap_newest_first() throws Exception {
        open(1);
        injectSeedSignals();
        List<LocalDate> sessions = QuorumRig.lastSessions(QuorumRig.sampleMarket(), 12);
        decide(sessions.get(0));
        decide(sessions.get(1));
        runtime.resolveOutcomes(sessions.get(11));

        decide(sessions.get(11));

        List<TrustWeightEvent> ledger = runtime.trust().history("xgb", 10);
        assertEquals(2, ledger.size(), "both outcomes adjusted xgb's weight");
        List<String> events = redis.lrange("quantum:trust:events:xgb", 0, -1);
        assertEquals(1, events.size());
        JsonNode newest = JSON.readTree(events.get(0));
        assertEquals(round(ledger.get(0).newWeight()), newest.get("new_weight").asDouble());
        assertEquals(round(ledger.get(0).newWeight() - ledger.get(0).oldWeight()), newest.get("delta").asDouble());
        assertEquals(round(runtime.trust().weightOf("xgb")), Double.parseDouble(redis.get("quantum:trust:xgb")));
        assertEquals(redis.get("quantum:trust:nhits"), redis.hget("quantum:trust:history", "nhits"));
        assertEquals("3", redis.hget("quantum:federation:metrics", "iterations"));
    }

    @Test
    void should_decide_again_when_an_external_signal_changes_in_interval_mode() throws Exception {
        open(100, "decisions: {redecide: true}\n");
        injectSeedSignals();
        LocalDate date = QuorumRig.lastSessions(QuorumRig.sampleMarket(), 1).get(0);
        SignalWatch watch = new SignalWatch(redis, List.of("xgb", "patchtst", "nhits"), () -> decide(date));
        assertFalse(watch.poll(), "the first read is the baseline");
        decide(date);
        assertFalse(watch.poll(), "nothing changed");

        redis.set("quantum:model:nhits:signal", "{\"action\":\"BUY\",\"confidence\":0.65,\"timestamp\":"
                + System.currentTimeMillis() / 1000 + "}");

        assertTrue(watch.poll());
        JsonNode signal = JSON.readTree(redis.get("quantum:consensus:signal"));
        assertEquals("BUY", signal.get("action").asText());
        assertEquals(1.0, signal.get("agreement_pct").asDouble());
        assertEquals(1.0, signal.get("confidence").asDouble());
        assertEquals("2", redis.hget("quantum:federation:metrics", "iterations"));
        assertFalse(watch.poll(), "the change was decided once");
    }

    @Test
    void should_keep_a_change_pending_while_the_watchlist_cannot_be_decided() {
        AtomicInteger decided = new AtomicInteger();
        AtomicBoolean busy = new AtomicBoolean(true);
        SignalWatch watch = new SignalWatch(redis, List.of("xgb"), () -> {
            if (busy.get()) {
                throw new IllegalStateException("a cycle is already running");
            }
            decided.incrementAndGet();
        });
        watch.poll();
        redis.set("quantum:model:xgb:signal", "{\"action\":\"SELL\",\"confidence\":0.7,\"timestamp\":1}");

        assertFalse(watch.poll());
        busy.set(false);
        assertTrue(watch.poll());
        assertEquals(1, decided.get());
    }

    private static double round(double value) {
        return java.math.BigDecimal.valueOf(value).setScale(3, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }
    @Test
    void should_leave_out_a_model_signal_proposed_outside_seed_000s_consensus_window() throws Exception {
        open(100, "consensus: {window_seconds: 10}\n");
        // Seed 000's 10-second window: nhits wrote its SELL 25 s before xgb's BUY, so only xgb and patchtst count together.
        long now = System.currentTimeMillis() / 1000;
        redis.set("quantum:model:xgb:signal", "{\"action\":\"BUY\",\"confidence\":0.85,\"timestamp\":" + now + "}");
        redis.set("quantum:model:patchtst:signal", "{\"action\":\"BUY\",\"confidence\":0.78,\"timestamp\":" + (now - 4) + "}");
        redis.set("quantum:model:nhits:signal", "{\"action\":\"SELL\",\"confidence\":0.65,\"timestamp\":" + (now - 25) + "}");

        decide(QuorumRig.lastSessions(QuorumRig.sampleMarket(), 1).get(0));

        Map<String, String> metrics = redis.hgetAll("quantum:federation:metrics");
        assertEquals("2", metrics.get("models_used"));
        assertEquals("1", metrics.get("abstentions"));
        JsonNode signal = JSON.readTree(redis.get("quantum:consensus:signal"));
        assertEquals("BUY", signal.get("action").asText());
        assertEquals(1.0, signal.get("agreement_pct").asDouble(), "both models in the window agree");
    }
}
