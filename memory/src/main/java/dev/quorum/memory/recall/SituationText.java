package dev.quorum.memory.recall;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The compact text that is embedded for a situation, e.g.
 * {@code NVDA 2023-06-01 | regime bull | return_5d +3.2%, rsi_14 71, vix_level 17.1 | technical BULLISH 0.80 | verdict BUY}.
 * A query is described the same way minus the verdict, so both land close in embedding space when the
 * setups are alike. Only a few key features are kept: the embedding model reads ~256 tokens and the block
 * shown to agents must stay short.
 */
final class SituationText {

    /** Feature keys rendered as signed percentages. */
    private static final List<String> PERCENT_FEATURES = List.of("return_5d", "return_20d", "price_vs_sma_50",
            "price_vs_sma_200", "relative_strength_20d_spy", "realized_vol_20d", "max_drawdown_60d");
    /** Feature keys rendered as plain numbers. */
    private static final List<String> LEVEL_FEATURES = List.of("rsi_14", "vix_level", "sentiment_score");
    private static final String REGIME = "regime";

    private SituationText() {
    }

    static String describe(Situation situation) {
        List<String> parts = new ArrayList<>();
        parts.add(situation.ticker() + " " + situation.tradeDate());
        Object regime = situation.features().get(REGIME);
        if (regime != null) {
            parts.add("regime " + regime);
        }
        List<String> features = new ArrayList<>();
        Map<String, Object> values = situation.features();
        for (String key : PERCENT_FEATURES) {
            if (values.get(key) instanceof Number n) {
                features.add(key + " " + String.format(Locale.ROOT, "%+.1f%%", n.doubleValue() * 100));
            }
        }
        for (String key : LEVEL_FEATURES) {
            if (values.get(key) instanceof Number n) {
                features.add(key + " " + String.format(Locale.ROOT, "%.1f", n.doubleValue()));
            }
        }
        if (!features.isEmpty()) {
            parts.add(String.join(", ", features));
        }
        if (!situation.calls().isEmpty()) {
            List<String> calls = new ArrayList<>();
            for (AgentCall call : situation.calls()) {
                calls.add(String.format(Locale.ROOT, "%s %s %.2f", call.agent(), call.signal(), call.confidence()));
            }
            parts.add(String.join(", ", calls));
        }
        return String.join(" | ", parts);
    }

    static String describe(ResolvedSituation resolved) {
        return describe(resolved.situation()) + " | verdict " + resolved.verdict();
    }
}
