package dev.quorum.orchestrator.federation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.agents.json.Json;
import dev.quorum.envelope.Direction;
import dev.quorum.memory.trust.TrustWeightEvent;
import dev.quorum.orchestrator.consensus.ConsensusResult;
import dev.quorum.orchestrator.consensus.VoteShare;
import dev.quorum.orchestrator.cycle.ConsensusListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes each decision's consensus and the trust weights under seed 003's keys:
 * <ul>
 *   <li>{@code quantum:consensus:signal}: JSON {@code {"action", "confidence", "models_used", "agreement_pct",
 *       "trust_weights"}} as the seed's consensus calculator writes it, plus {@code symbol}, {@code trade_date},
 *       {@code correlation_id} and {@code timestamp} (the latest decision of any ticker); action is the leading
 *       direction as BUY/SELL/HOLD, confidence its share of the summed vote strength (trust weight x confidence),
 *       agreement_pct the share of voters on it, models_used the voters (abstentions excluded);</li>
 *   <li>{@code quantum:trust:{model}}: the model's current weight;</li>
 *   <li>{@code quantum:trust:history}: a hash of every model's weight;</li>
 *   <li>{@code quantum:trust:events:{model}}: its last adjustments, newest first, as JSON
 *       {@code {"old_weight", "new_weight", "delta", "reason", "timestamp"}}, capped;</li>
 *   <li>{@code quantum:federation:metrics}: a hash of the latest iteration (its count, models used, abstentions,
 *       action, confidence, agreement, time).</li>
 * </ul>
 * Numbers are rounded to three decimals, as the seed shows them. Best effort, like every mirror: a Redis failure
 * is logged and counted, the decision is already stored.
 */
public final class FederationKeys implements ConsensusListener {

    public static final String CONSENSUS_SIGNAL = "quantum:consensus:signal";
    public static final String TRUST_HISTORY = "quantum:trust:history";
    public static final String METRICS = "quantum:federation:metrics";

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final Logger log = LoggerFactory.getLogger(FederationKeys.class);

    private final UnifiedJedis redis;
    private final BiFunction<String, Integer, List<TrustWeightEvent>> trustEvents;
    private final int eventsCap;
    private final Clock clock;
    private final AtomicLong failures = new AtomicLong();

    /**
     * @param trustEvents an agent's latest weight changes, newest first, at most the given count (the trust ledger's
     *                    {@code history})
     */
    public FederationKeys(UnifiedJedis redis, BiFunction<String, Integer, List<TrustWeightEvent>> trustEvents,
                          int eventsCap, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.trustEvents = Objects.requireNonNull(trustEvents, "trustEvents");
        this.eventsCap = eventsCap;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static String trustKey(String model) {
        return "quantum:trust:" + model;
    }

    public static String trustEventsKey(String model) {
        return "quantum:trust:events:" + model;
    }

    /** The seed's action for a panel direction. */
    public static String action(Direction direction) {
        return switch (direction) {
            case BULLISH -> "BUY";
            case BEARISH -> "SELL";
            case NEUTRAL -> "HOLD";
        };
    }

    @Override
    public void decided(String ticker, LocalDate tradeDate, String correlationId, ConsensusResult consensus) {
        long now = clock.instant().getEpochSecond();
        String action = action(consensus.leading());
        VoteShare leading = consensus.distribution().get(consensus.leading());
        double confidence = consensus.votes().isEmpty() || leading == null ? 0.0 : leading.strengthShare();
        Map<String, String> weights = new LinkedHashMap<>();
        consensus.trustWeights().forEach((model, weight) -> weights.put(model, decimal(weight).toPlainString()));
        ObjectNode json = JSON.createObjectNode();
        json.put("action", action);
        json.put("confidence", decimal(confidence));
        json.put("models_used", consensus.votes().size());
        json.put("agreement_pct", decimal(consensus.agreement()));
        ObjectNode trust = json.putObject("trust_weights");
        consensus.trustWeights().forEach((model, weight) -> trust.put(model, decimal(weight)));
        json.put("symbol", ticker);
        json.put("trade_date", tradeDate.toString());
        json.put("correlation_id", correlationId);
        json.put("timestamp", now);
        String signal = json.toString();
        try {
            redis.set(CONSENSUS_SIGNAL, signal);
            weights.forEach((model, weight) -> redis.set(trustKey(model), weight));
            if (!weights.isEmpty()) {
                redis.hset(TRUST_HISTORY, weights);
            }
            for (String model : weights.keySet()) {
                writeEvents(model);
            }
            Map<String, String> metrics = new LinkedHashMap<>();
            metrics.put("models_used", Integer.toString(consensus.votes().size()));
            metrics.put("abstentions", Integer.toString(consensus.abstentions().size()));
            metrics.put("action", action);
            metrics.put("confidence", decimal(confidence).toPlainString());
            metrics.put("agreement_pct", decimal(consensus.agreement()).toPlainString());
            metrics.put("symbol", ticker);
            metrics.put("timestamp", Long.toString(now));
            redis.hset(METRICS, metrics);
            redis.hincrBy(METRICS, "iterations", 1);
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            log.warn("seed 003 federation keys not written for {} {} ({}); the decision and its envelope are unaffected",
                    ticker, tradeDate, e.toString());
        }
    }

    /** Rewrites the model's list from the ledger: whole again after an outage, never longer than the cap. */
    private void writeEvents(String model) {
        List<TrustWeightEvent> events = trustEvents.apply(model, eventsCap);
        String key = trustEventsKey(model);
        redis.del(key);
        if (events.isEmpty()) {
            return;
        }
        List<String> entries = new ArrayList<>();
        for (TrustWeightEvent event : events) {
            ObjectNode entry = JSON.createObjectNode();
            entry.put("old_weight", decimal(event.oldWeight()));
            entry.put("new_weight", decimal(event.newWeight()));
            entry.put("delta", decimal(event.newWeight() - event.oldWeight()));
            entry.put("reason", event.reason());
            entry.put("timestamp", event.createdAt().getEpochSecond());
            entries.add(entry.toString());
        }
        redis.rpush(key, entries.toArray(String[]::new));
    }

    /** Redis failures since start. */
    public long failures() {
        return failures.get();
    }

    private static BigDecimal decimal(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
}
