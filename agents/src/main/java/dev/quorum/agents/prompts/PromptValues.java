package dev.quorum.agents.prompts;

import java.util.Locale;

import dev.quorum.agents.features.FeatureKeys;

import dev.quorum.agents.AgentInput;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/** The placeholder values of a specialist prompt, from what the agent sees. */
public final class PromptValues {

    /** Enough precision for any feature (prices, ratios, RSI) without the noise of 17 digits. */
    private static final MathContext SIGNIFICANT = new MathContext(5);

    /**
     * The features as the prompts show them, by the features they were formatted from. The panel's agents and the
     * synthesis of one decision render the same features, up to five times (more when a prompt is narrowed to its
     * budget), and the formatting (a BigDecimal rounding or a Formatter per feature) was 14 % of the agents' CPU in a
     * cycle's profile, before their requests went out. Keyed by content, so a hit is right whatever map it came from;
     * entries go with their features map. Locked while formatting, so the agents of a decision, which start together,
     * format once.
     */
    private static final Map<Map<String, Object>, Map<String, String>> FORMATTED = Collections.synchronizedMap(new WeakHashMap<>());

    private PromptValues() {
    }

    /**
     * Every feature by its key (absent features stay absent and render as "n/a"), plus {@code ticker},
     * {@code trade_date}, {@code news} (the fenced news block) and {@code similar_situations} (the fenced
     * memory block, absent when empty).
     */
    public static Map<String, String> forAgent(AgentInput input, DataBlockLimits limits) {
        return forAgent(input, limits, PromptMode.LIVE);
    }

    /** The values as {@code mode} shows them: anonymised, no ticker, company name or calendar date ({@link Anonymiser}). */
    public static Map<String, String> forAgent(AgentInput input, DataBlockLimits limits, PromptMode mode) {
        if (mode == PromptMode.ANONYMISED) {
            Map<String, String> values = forLive(Anonymiser.input(input), limits);
            values.put(PromptVocabulary.TRADE_DATE, Anonymiser.SESSION);
            return values;
        }
        return forLive(input, limits);
    }

    private static Map<String, String> forLive(AgentInput input, DataBlockLimits limits) {
        Map<String, String> values = new HashMap<>(FORMATTED.computeIfAbsent(input.features(), PromptValues::formatted));
        values.put(PromptVocabulary.TICKER, UntrustedText.inline(input.ticker(), 16));
        values.put(PromptVocabulary.TRADE_DATE, input.tradeDate().toString());
        values.put(PromptVocabulary.NEWS, UntrustedText.newsBlock(input.headlines(), limits));
        values.put(PromptVocabulary.SIMILAR_SITUATIONS, UntrustedText.memoryBlock(input.similarSituations(), limits));
        return values;
    }

    /** Every feature as shown: a value that cannot be (a non-finite number) is null, and renders as "n/a". */
    private static Map<String, String> formatted(Map<String, Object> features) {
        Map<String, String> shown = new HashMap<>();
        features.forEach((key, value) -> shown.put(key,
                FeatureKeys.PERCENTAGES.contains(key) && value instanceof Double d ? percent(d) : format(value)));
        return Collections.unmodifiableMap(shown);
    }

    /** A fraction as a percentage with one decimal: 0.0251 is {@code 2.5%}, -0.2 is {@code -20.0%}. */
    static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f%%", fraction * 100) : null;
    }

    static String format(Object value) {
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return null;
            }
            return new BigDecimal(d).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        return value == null ? null : UntrustedText.inline(value.toString(), 64);
    }
}
