package dev.quorum.agents.features;

/**
 * The market regime of seed 002's {@code _identify_regime}, adapted from crypto (BTC trend) to US equities
 * (SPY trend). Rules, first match wins:
 * <ol>
 *   <li>{@code high-volatility}: VIX &gt; {@value #HIGH_VOLATILITY_VIX} (seed 002's threshold);</li>
 *   <li>{@code bull}: SPY in an uptrend (close &gt; SMA 200 and SMA 50 &gt; SMA 200) and VIX &lt;
 *       {@value #CALM_VIX}. Seed 002 used 15 for crypto; for the S&amp;P 500 15 is below the long-run
 *       median VIX (about 17-18), so most calm uptrends would be called sideways;</li>
 *   <li>{@code bear}: SPY in a downtrend (close &lt; SMA 200 and SMA 50 &lt; SMA 200);</li>
 *   <li>{@code sideways}: anything else (mixed trend, or an uptrend with an elevated VIX).</li>
 * </ol>
 */
public enum MarketRegime {
    HIGH_VOLATILITY("high-volatility"),
    BULL("bull"),
    BEAR("bear"),
    SIDEWAYS("sideways");

    public static final double HIGH_VOLATILITY_VIX = 30.0;
    public static final double CALM_VIX = 20.0;

    private final String label;

    MarketRegime(String label) {
        this.label = label;
    }

    /** The value of the {@code regime} feature. */
    public String label() {
        return label;
    }

    public static MarketRegime classify(double vix, double spyClose, double spySma50, double spySma200) {
        boolean upTrend = spyClose > spySma200 && spySma50 > spySma200;
        boolean downTrend = spyClose < spySma200 && spySma50 < spySma200;
        if (vix > HIGH_VOLATILITY_VIX) {
            return HIGH_VOLATILITY;
        }
        if (upTrend && vix < CALM_VIX) {
            return BULL;
        }
        if (downTrend) {
            return BEAR;
        }
        return SIDEWAYS;
    }

    /** The regime with this label, e.g. {@code bull}. */
    public static MarketRegime fromLabel(String label) {
        for (MarketRegime regime : values()) {
            if (regime.label.equals(label)) {
                return regime;
            }
        }
        throw new IllegalArgumentException("unknown regime '" + label + "' (expected high-volatility, bull, bear or sideways)");
    }
}
