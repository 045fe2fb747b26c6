package dev.quorum.agents.rules;

import dev.quorum.agents.features.FeatureKeys;
import dev.quorum.agents.features.MarketRegime;

import java.util.List;

/**
 * {@code macro} (regime-rates): the market backdrop, the same for every ticker on a date. Votes, combined by
 * {@link Scorecard}:
 * <ol>
 *   <li><b>Regime</b> {@code regime} ({@link MarketRegime}): bull → +1; bear or high-volatility → -1; sideways → 0.</li>
 *   <li><b>Index trend</b> {@code spy_price_vs_sma_200}: &gt; +2% → +1; &lt; -2% → -1; else 0.</li>
 *   <li><b>Fear level</b> {@code vix_level}: &lt; 16 → +1; &gt; 25 → -1; else 0.</li>
 *   <li><b>Fear direction</b> {@code vix_change_20d} (when present): &gt; +5 points → -1; &lt; -5 → +1; else 0.</li>
 *   <li><b>Index momentum</b> {@code spy_return_20d} (when present): &gt; +3% → +1; &lt; -3% → -1; else 0.</li>
 *   <li><b>Rates</b> {@code us10y_change_3m} (when present): &gt; +0.5 pp (tightening) → -1; &lt; -0.5 pp → +1; else 0.</li>
 * </ol>
 * Requires the regime, the index trend and the VIX level; abstains (DATA) without them.
 */
public final class MacroRules extends RulesAgent {

    public static final String NAME = "macro";
    public static final String DOMAIN = "regime-rates";

    public MacroRules() {
        super(NAME, DOMAIN, 1, List.of(FeatureKeys.REGIME, FeatureKeys.SPY_PRICE_VS_SMA_200, FeatureKeys.VIX_LEVEL));
    }

    @Override
    void score(Features f, Scorecard card) {
        MarketRegime regime = f.regime().orElseThrow();
        card.vote(FeatureKeys.REGIME, regime.label(), switch (regime) {
            case BULL -> 1;
            case BEAR, HIGH_VOLATILITY -> -1;
            case SIDEWAYS -> 0;
        }, "market regime");
        double trend = f.required(FeatureKeys.SPY_PRICE_VS_SMA_200);
        card.vote(FeatureKeys.SPY_PRICE_VS_SMA_200, Scorecard.percent(trend), trend > 0.02 ? 1 : trend < -0.02 ? -1 : 0,
                trend > 0.02 ? "index above its 200-day average" : trend < -0.02 ? "index below its 200-day average" : "index at its 200-day average");
        double vix = f.required(FeatureKeys.VIX_LEVEL);
        card.vote(FeatureKeys.VIX_LEVEL, Scorecard.plain(vix), vix < 16 ? 1 : vix > 25 ? -1 : 0,
                vix < 16 ? "low fear" : vix > 25 ? "high fear" : "normal fear");
        f.number(FeatureKeys.VIX_CHANGE_20D).ifPresent(change -> card.vote(FeatureKeys.VIX_CHANGE_20D, Scorecard.signed(change),
                change > 5 ? -1 : change < -5 ? 1 : 0, change > 5 ? "fear rising" : change < -5 ? "fear fading" : "fear steady"));
        f.number(FeatureKeys.SPY_RETURN_20D).ifPresent(r -> card.vote(FeatureKeys.SPY_RETURN_20D, Scorecard.percent(r),
                r > 0.03 ? 1 : r < -0.03 ? -1 : 0, r > 0.03 ? "index rallying" : r < -0.03 ? "index falling" : "index flat"));
        f.number(FeatureKeys.US10Y_CHANGE_3M).ifPresent(c -> card.vote(FeatureKeys.US10Y_CHANGE_3M, Scorecard.signed(c) + "pp",
                c > 0.5 ? -1 : c < -0.5 ? 1 : 0, c > 0.5 ? "yields rising fast" : c < -0.5 ? "yields falling fast" : "yields steady"));
    }
}
