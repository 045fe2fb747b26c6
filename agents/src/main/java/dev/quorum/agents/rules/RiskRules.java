package dev.quorum.agents.rules;

import dev.quorum.agents.features.FeatureKeys;

import java.util.List;

/**
 * {@code risk} (volatility-drawdown). Reads risk as a vote: a calm, shallow-drawdown stock leaves room to hold
 * (+), a volatile or falling one argues against exposure (-). Votes, combined by {@link Scorecard}:
 * <ol>
 *   <li><b>Realised volatility</b> {@code realized_vol_20d} (annualised): &lt; 25% → +1; &gt; 45% → -1; else 0.</li>
 *   <li><b>Drawdown</b> {@code max_drawdown_60d}: shallower than -5% → +1; deeper than -15% → -1; else 0.</li>
 *   <li><b>Daily range</b> {@code atr_14_pct}: &lt; 2% of price → +1; &gt; 4% → -1; else 0.</li>
 *   <li><b>Beta</b> {@code beta_60d_spy} (only when present): &gt; 1.5 → -1 when {@code vix_level} &gt; 25
 *       (amplified market stress), else -0.5; &lt; 0.8 → +0.5 (defensive); else 0.</li>
 * </ol>
 * Requires volatility, drawdown and ATR; abstains (DATA) without them.
 */
public final class RiskRules extends RulesAgent {

    public static final String NAME = "risk";
    public static final String DOMAIN = "volatility-drawdown";

    public RiskRules() {
        super(NAME, DOMAIN, 1, List.of(FeatureKeys.REALIZED_VOL_20D, FeatureKeys.MAX_DRAWDOWN_60D, FeatureKeys.ATR_14_PCT));
    }

    @Override
    void score(Features f, Scorecard card) {
        double vol = f.required(FeatureKeys.REALIZED_VOL_20D);
        card.vote(FeatureKeys.REALIZED_VOL_20D, Scorecard.percent(vol), vol < 0.25 ? 1 : vol > 0.45 ? -1 : 0,
                vol < 0.25 ? "calm" : vol > 0.45 ? "very volatile" : "moderately volatile");
        double drawdown = f.required(FeatureKeys.MAX_DRAWDOWN_60D);
        card.vote(FeatureKeys.MAX_DRAWDOWN_60D, Scorecard.percent(drawdown), drawdown > -0.05 ? 1 : drawdown < -0.15 ? -1 : 0,
                drawdown > -0.05 ? "shallow drawdown" : drawdown < -0.15 ? "deep drawdown" : "moderate drawdown");
        double atr = f.required(FeatureKeys.ATR_14_PCT);
        card.vote(FeatureKeys.ATR_14_PCT, Scorecard.percent(atr), atr < 0.02 ? 1 : atr > 0.04 ? -1 : 0,
                atr < 0.02 ? "narrow daily range" : atr > 0.04 ? "wide daily range" : "normal daily range");
        f.number(FeatureKeys.BETA_60D_SPY).ifPresent(beta -> {
            boolean stressed = f.number(FeatureKeys.VIX_LEVEL).orElse(0) > 25;
            double score = beta > 1.5 ? (stressed ? -1 : -0.5) : beta < 0.8 ? 0.5 : 0;
            card.vote(FeatureKeys.BETA_60D_SPY, Scorecard.plain(beta), score, beta > 1.5
                    ? (stressed ? "high beta with VIX above 25" : "high beta") : beta < 0.8 ? "defensive beta" : "market-like beta");
        });
    }
}
