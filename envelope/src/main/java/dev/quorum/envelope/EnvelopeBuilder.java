package dev.quorum.envelope;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Builds a v1 envelope the way the seed's {@code build_envelope_from_state} does, minus its silence:
 * <ul>
 *   <li>out-of-bounds values and NaN/Infinity anywhere are rejected with an {@link InvalidEnvelopeException}
 *       naming the wire path ({@code decision.agent_signals[2].confidence});</li>
 *   <li>summaries are cut to 300 characters (code points, as Python slices) and key factors to 10: that is
 *       the contract, consumers rely on the size;</li>
 *   <li>the tolerant path of the seed is kept: an unknown verdict or signal text becomes HOLD / NEUTRAL and a
 *       missing synthesis becomes HOLD with confidence 0; each such coercion is listed in
 *       {@code meta.coerced} so a consumer can tell a real HOLD from a degraded one;</li>
 *   <li>{@code meta} always starts with {@code agents_count} and {@code model_used}.</li>
 * </ul>
 */
public final class EnvelopeBuilder {

    public static final String META_AGENTS_COUNT = "agents_count";
    public static final String META_MODEL_USED = "model_used";
    public static final String META_COERCED = "coerced";

    private static final Pattern CORRELATION_ID = Pattern.compile("[0-9a-f]{32}");

    private final Target target;
    private Synthesis synthesis;
    private final List<AgentSignalView> agentSignals = new ArrayList<>();
    private SourceMetrics sourceMetrics = SourceMetrics.NONE;
    private final List<Map<String, Object>> phaseTimings = new ArrayList<>();
    private Double arenaTotalSeconds;
    private String modelUsed = "";
    private String arenaId = "";
    private final Map<String, Object> extraMeta = new LinkedHashMap<>();
    private final List<String> coercions = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Instant publishedAt;
    private String correlationId;

    private EnvelopeBuilder(Target target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    public static EnvelopeBuilder forTarget(Target target) {
        return new EnvelopeBuilder(target);
    }

    public EnvelopeBuilder synthesis(Verdict verdict, double confidence, double ensembleScore, String reasoning) {
        this.synthesis = at("decision.synthesis", () -> new Synthesis(verdict, confidence, ensembleScore, reasoning));
        return this;
    }

    /** The tolerant form: {@code rawVerdict} is trimmed and upper-cased; anything but BUY/HOLD/SELL becomes HOLD. */
    public EnvelopeBuilder synthesis(String rawVerdict, double confidence, double ensembleScore, String reasoning) {
        Verdict verdict = coerce(Verdict.class, rawVerdict, Verdict.HOLD, "decision.synthesis.verdict");
        return synthesis(verdict, confidence, ensembleScore, reasoning);
    }

    public EnvelopeBuilder agentSignal(String agent, String domain, Direction signal, double confidence,
                                       String summary, List<String> keyFactors) {
        String path = "decision.agent_signals[" + agentSignals.size() + "]";
        agentSignals.add(at(path, () -> new AgentSignalView(agent, domain, signal, confidence,
                cutSummary(WireRules.present("summary", summary)),
                cutKeyFactors(WireRules.present("key_factors", keyFactors)))));
        return this;
    }

    /** The tolerant form: {@code rawSignal} is trimmed and upper-cased; anything unknown becomes NEUTRAL. */
    public EnvelopeBuilder agentSignal(String agent, String domain, String rawSignal, double confidence,
                                       String summary, List<String> keyFactors) {
        String path = "decision.agent_signals[" + agentSignals.size() + "].signal";
        Direction signal = coerce(Direction.class, rawSignal, Direction.NEUTRAL, path);
        return agentSignal(agent, domain, signal, confidence, summary, keyFactors);
    }

    public EnvelopeBuilder sourceMetrics(SourceMetrics metrics) {
        this.sourceMetrics = Objects.requireNonNull(metrics, "sourceMetrics");
        return this;
    }

    /**
     * One phase timing object, e.g. {@code {"phase": "agents", "seconds": 4.2}}, written in the map's key order: give a
     * {@code LinkedHashMap} (a {@code Map.of} orders its keys differently in each JVM, so the bytes would change).
     */
    public EnvelopeBuilder phaseTiming(Map<String, Object> timing) {
        phaseTimings.add(at("decision", () -> JsonValues.copyObject("phase_timings[" + phaseTimings.size() + "]", timing)));
        return this;
    }

    public EnvelopeBuilder arenaTotalSeconds(double seconds) {
        this.arenaTotalSeconds = at("decision", () -> WireRules.finite("arena_total_seconds", seconds));
        return this;
    }

    public EnvelopeBuilder modelUsed(String model) {
        this.modelUsed = WireRules.present("meta.model_used", model);
        return this;
    }

    public EnvelopeBuilder arenaId(String id) {
        this.arenaId = WireRules.present("arena_id", id);
        return this;
    }

    /** An extra {@code meta} entry; {@code agents_count}, {@code model_used} and {@code coerced} are owned by the builder. */
    public EnvelopeBuilder meta(String key, Object value) {
        if (List.of(META_AGENTS_COUNT, META_MODEL_USED, META_COERCED).contains(key)) {
            throw new InvalidEnvelopeException("meta." + key, "is set by the builder, not by callers");
        }
        extraMeta.put(WireRules.present("meta key", key), value);
        return this;
    }

    public EnvelopeBuilder publishedAt(Instant instant) {
        this.publishedAt = WireRules.present("published_at", instant);
        return this;
    }

    /** The clock for {@code published_at} when none is set explicitly (UTC system clock by default). */
    public EnvelopeBuilder clock(Clock newClock) {
        this.clock = Objects.requireNonNull(newClock, "clock");
        return this;
    }

    /** A caller-chosen correlation id (32 lowercase hex digits, a uuid4's hex); generated when not set. */
    public EnvelopeBuilder correlationId(String id) {
        if (id == null || !CORRELATION_ID.matcher(id).matches()) {
            throw new InvalidEnvelopeException("correlation_id", "must be 32 lowercase hex digits, got " + id);
        }
        this.correlationId = id;
        return this;
    }

    public TradingIntelligenceEnvelope build() {
        Synthesis finalSynthesis = synthesis;
        if (finalSynthesis == null) {
            coercions.add("decision.synthesis: missing -> HOLD with confidence 0");
            finalSynthesis = new Synthesis(Verdict.HOLD, 0.0, 0.0, "");
        }
        Decision decision = new Decision(target, finalSynthesis, agentSignals, sourceMetrics, phaseTimings,
                arenaTotalSeconds);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(META_AGENTS_COUNT, agentSignals.size());
        meta.put(META_MODEL_USED, modelUsed);
        meta.putAll(extraMeta);
        if (!coercions.isEmpty()) {
            meta.put(META_COERCED, List.copyOf(coercions));
        }
        return new TradingIntelligenceEnvelope(TradingIntelligenceEnvelope.SCHEMA_VERSION,
                TradingIntelligenceEnvelope.ARENA, decision,
                publishedAt != null ? publishedAt : clock.instant(),
                correlationId != null ? correlationId : newCorrelationId(),
                arenaId, meta);
    }

    /** A uuid4 as 32 lowercase hex digits, like Python's {@code uuid.uuid4().hex}. */
    public static String newCorrelationId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private <E extends Enum<E>> E coerce(Class<E> type, String raw, E fallback, String path) {
        String normalised = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(normalised)) {
                return constant;
            }
        }
        coercions.add(path + ": " + (raw == null ? "missing" : "\"" + raw + "\"") + " -> " + fallback.name());
        return fallback;
    }

    private static String cutSummary(String summary) {
        if (summary.codePointCount(0, summary.length()) <= AgentSignalView.SUMMARY_LIMIT) {
            return summary;
        }
        return summary.substring(0, summary.offsetByCodePoints(0, AgentSignalView.SUMMARY_LIMIT));
    }

    private static List<String> cutKeyFactors(List<String> keyFactors) {
        return keyFactors.size() <= AgentSignalView.KEY_FACTORS_LIMIT
                ? keyFactors : keyFactors.subList(0, AgentSignalView.KEY_FACTORS_LIMIT);
    }

    private static <T> T at(String parent, Supplier<T> construction) {
        try {
            return construction.get();
        } catch (InvalidEnvelopeException e) {
            throw e.within(parent);
        }
    }
}
