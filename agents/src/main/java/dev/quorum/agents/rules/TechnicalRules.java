package dev.quorum.agents.rules;

import dev.quorum.agents.features.FeatureKeys;

import java.util.List;

/**
 * {@code technical} (trend-momentum). Votes, each in [-1, +1], combined by {@link Scorecard}:
 * <ol>
 *   <li><b>Long trend</b> {@code price_vs_sma_200}: &gt; +2% → +1; &lt; -2% → -1; else 0.</li>
 *   <li><b>Medium trend</b> {@code price_vs_sma_50}: &gt; +1% → +1; &lt; -1% → -1; else 0.</li>
 *   <li><b>Moving-average cross</b> {@code sma_50} vs {@code sma_200}: above (golden) → +1; below (death) → -1.</li>
 *   <li><b>MACD</b> {@code macd_histogram}: &gt; 0 (momentum rising) → +1; &lt; 0 → -1.</li>
 *   <li><b>RSI</b> {@code rsi_14}: &gt; 70 overbought → -1 (stretched, mean reversion); &lt; 30 oversold → +1;
 *       50..70 → +0.5; 30..50 → -0.5.</li>
 * </ol>
 * Requires all five inputs; abstains (DATA) without them, e.g. before 200 sessions of history.
 */
public final class TechnicalRules extends RulesAgent {

    public static final String NAME = "technical";
    public static final String DOMAIN = "trend-momentum";

    public TechnicalRules() {
        super(NAME, DOMAIN, 1, List.of(FeatureKeys.PRICE_VS_SMA_200, FeatureKeys.PRICE_VS_SMA_50,
                FeatureKeys.SMA_50, FeatureKeys.SMA_200, FeatureKeys.MACD_HISTOGRAM, FeatureKeys.RSI_14));
    }

    @Override
    void score(Features f, Scorecard card) {
        double vs200 = f.required(FeatureKeys.PRICE_VS_SMA_200);
        card.vote(FeatureKeys.PRICE_VS_SMA_200, Scorecard.percent(vs200), vs200 > 0.02 ? 1 : vs200 < -0.02 ? -1 : 0,
                vs200 > 0.02 ? "above the 200-day average" : vs200 < -0.02 ? "below the 200-day average" : "at the 200-day average");
        double vs50 = f.required(FeatureKeys.PRICE_VS_SMA_50);
        card.vote(FeatureKeys.PRICE_VS_SMA_50, Scorecard.percent(vs50), vs50 > 0.01 ? 1 : vs50 < -0.01 ? -1 : 0,
                vs50 > 0.01 ? "above the 50-day average" : vs50 < -0.01 ? "below the 50-day average" : "at the 50-day average");
        double sma50 = f.required(FeatureKeys.SMA_50);
        double sma200 = f.required(FeatureKeys.SMA_200);
        card.vote(FeatureKeys.SMA_50, Scorecard.plain(sma50) + " vs sma_200=" + Scorecard.plain(sma200),
                sma50 > sma200 ? 1 : sma50 < sma200 ? -1 : 0, sma50 > sma200 ? "golden cross" : "death cross");
        double histogram = f.required(FeatureKeys.MACD_HISTOGRAM);
        card.vote(FeatureKeys.MACD_HISTOGRAM, Scorecard.signed(histogram), Math.signum(histogram),
                histogram > 0 ? "momentum rising" : histogram < 0 ? "momentum falling" : "momentum flat");
        double rsi = f.required(FeatureKeys.RSI_14);
        double rsiScore = rsi > 70 ? -1 : rsi < 30 ? 1 : rsi >= 50 ? 0.5 : -0.5;
        card.vote(FeatureKeys.RSI_14, Scorecard.plain(rsi), rsiScore,
                rsi > 70 ? "overbought" : rsi < 30 ? "oversold" : rsi >= 50 ? "positive momentum" : "negative momentum");
    }
}
