package dev.quorum.agents.features;

import java.util.List;
import java.util.Set;

/**
 * The names of {@link dev.quorum.agents.AgentInput#features()}: the contract between features, prompts and the
 * rules baseline. Values are {@code Double} unless noted. Ratios and returns are fractions (0.025 = 2.5%);
 * VIX is in index points and yields in percent. A value that cannot be computed (not enough history, no data
 * for the source at that date) is absent from the map, never NaN.
 *
 * <p>Prices: returns, drawdown, volatility, beta and correlation use {@code adj_close} (total return, so a
 * dividend is not a loss); chart indicators (SMA, RSI, MACD, Bollinger, ATR, {@code close}) use the
 * split-adjusted {@code close/high/low}, as a chart would. Recursive indicators (RSI, MACD, ATR) start over
 * the last {@value FeatureCalculator#LOOKBACK_SESSIONS} sessions, so they do not depend on where a file starts.
 */
public final class FeatureKeys {

    private FeatureKeys() {
    }

    /** Close of the trade date (split-adjusted). */
    public static final String CLOSE = "close";
    /** Total return over the last 1 / 5 / 20 / 60 sessions. */
    public static final String RETURN_1D = "return_1d";
    public static final String RETURN_5D = "return_5d";
    public static final String RETURN_20D = "return_20d";
    public static final String RETURN_60D = "return_60d";
    /** Simple moving averages of the close over 20 / 50 / 200 sessions, including the trade date. */
    public static final String SMA_20 = "sma_20";
    public static final String SMA_50 = "sma_50";
    public static final String SMA_200 = "sma_200";
    /** close / sma - 1. */
    public static final String PRICE_VS_SMA_20 = "price_vs_sma_20";
    public static final String PRICE_VS_SMA_50 = "price_vs_sma_50";
    public static final String PRICE_VS_SMA_200 = "price_vs_sma_200";
    /** SMA today / the same SMA 20 sessions earlier - 1: whether the average rises (fraction). */
    public static final String SMA_50_SLOPE_20D = "sma_50_slope_20d";
    public static final String SMA_200_SLOPE_20D = "sma_200_slope_20d";
    /** Wilder's RSI over 14 sessions, 0..100. */
    public static final String RSI_14 = "rsi_14";
    /** MACD 12/26/9: EMA12 - EMA26 of the close, its 9-session EMA, and their difference. */
    public static final String MACD = "macd";
    public static final String MACD_SIGNAL = "macd_signal";
    public static final String MACD_HISTOGRAM = "macd_histogram";
    /** Bollinger %B (20 sessions, 2 population standard deviations): 0 = lower band, 1 = upper band. */
    public static final String BOLLINGER_PCT_B = "bollinger_pct_b";
    /** Wilder's 14-session average true range divided by the close (fraction). */
    public static final String ATR_14_PCT = "atr_14_pct";
    /** Sample standard deviation of the last 20 daily log returns, times sqrt(252). */
    public static final String REALIZED_VOL_20D = "realized_vol_20d";
    /**
     * Percentile rank, 0..100, of {@code realized_vol_20d} among the 20-day volatilities ending on each of the last
     * {@value FeatureCalculator#VOL_RANK_SESSIONS} sessions (about a year): how high volatility is for this name.
     */
    public static final String REALIZED_VOL_20D_RANK_1Y = "realized_vol_20d_rank_1y";
    /** Worst peak-to-trough fall within the last 60 sessions' closes, &lt;= 0. */
    public static final String MAX_DRAWDOWN_60D = "max_drawdown_60d";
    /** (volume - mean of the 20 previous sessions) / their sample standard deviation. */
    public static final String VOLUME_ZSCORE_20D = "volume_zscore_20d";
    /** Beta and correlation of the last 60 daily returns against SPY's over the same sessions. */
    public static final String BETA_60D_SPY = "beta_60d_spy";
    public static final String CORRELATION_60D_SPY = "correlation_60d_spy";
    /** return_20d - spy_return_20d. */
    public static final String RELATIVE_STRENGTH_20D_SPY = "relative_strength_20d_spy";
    public static final String SPY_RETURN_20D = "spy_return_20d";
    /** SPY close / SPY SMA 200 - 1. */
    public static final String SPY_PRICE_VS_SMA_200 = "spy_price_vs_sma_200";
    /** VIX close of the trade date (absent when the last VIX close is more than 7 days old). */
    public static final String VIX_LEVEL = "vix_level";
    /** VIX change in index points over the last 20 VIX sessions. */
    public static final String VIX_CHANGE_20D = "vix_change_20d";
    /**
     * Latest published 10-year Treasury yield, percent: the daily {@code DGS10} value when the data has the daily
     * file and a value at most 7 days old, else the monthly average (absent when older than 3 months).
     */
    public static final String US10Y_YIELD = "us10y_yield";
    /**
     * String: the period that yield is for: {@code yyyy-MM} for the monthly average (published about a month late),
     * {@code yyyy-MM-dd} for a daily value (published the next session).
     */
    public static final String US10Y_AS_OF = "us10y_as_of";
    /** String, only with a daily yield: which series it is ({@link FeatureCalculator#US10Y_DAILY_SOURCE}). */
    public static final String US10Y_SOURCE = "us10y_source";
    /**
     * Change of that yield over 3 months, percentage points: monthly, against the month 3 before; daily, against
     * the last value dated on or before the same day 3 months earlier (absent when that one is more than 7 days older).
     */
    public static final String US10Y_CHANGE_3M = "us10y_change_3m";
    /** String: high-volatility | bull | bear | sideways; see {@link MarketRegime} for the thresholds. */
    public static final String REGIME = "regime";
    /** Latest daily news-sentiment score (1..5) known within the last 5 sessions; absent if none. */
    public static final String SENTIMENT_SCORE = "sentiment_score";
    /**
     * Long: tweets / analyst headlines belonging to the last 5 sessions. Absent when the source has no item
     * for the ticker within the last 60 sessions (no coverage: zero would mean "no data", not "no news").
     */
    public static final String TWEET_COUNT_5D = "tweet_count_5d";
    public static final String HEADLINE_COUNT_5D = "headline_count_5d";

    /**
     * The fractions prompts show as percentages ({@code 0.025} as {@code 2.5%}): returns, price vs averages, ATR,
     * volatility, drawdown. Models misread bare fractions; the rules and the store keep the fractions.
     */
    public static final Set<String> PERCENTAGES = Set.of(RETURN_1D, RETURN_5D, RETURN_20D, RETURN_60D,
            PRICE_VS_SMA_20, PRICE_VS_SMA_50, PRICE_VS_SMA_200, ATR_14_PCT, REALIZED_VOL_20D, MAX_DRAWDOWN_60D,
            RELATIVE_STRENGTH_20D_SPY, SPY_RETURN_20D, SPY_PRICE_VS_SMA_200, SMA_50_SLOPE_20D, SMA_200_SLOPE_20D);

    /** Every key, in the order of the feature map. */
    public static final List<String> ALL = List.of(
            CLOSE, RETURN_1D, RETURN_5D, RETURN_20D, RETURN_60D, SMA_20, SMA_50, SMA_200,
            PRICE_VS_SMA_20, PRICE_VS_SMA_50, PRICE_VS_SMA_200, SMA_50_SLOPE_20D, SMA_200_SLOPE_20D, RSI_14, MACD,
            MACD_SIGNAL, MACD_HISTOGRAM, BOLLINGER_PCT_B, ATR_14_PCT, REALIZED_VOL_20D, REALIZED_VOL_20D_RANK_1Y,
            MAX_DRAWDOWN_60D, VOLUME_ZSCORE_20D,
            BETA_60D_SPY, CORRELATION_60D_SPY, RELATIVE_STRENGTH_20D_SPY, SPY_RETURN_20D, SPY_PRICE_VS_SMA_200,
            VIX_LEVEL, VIX_CHANGE_20D, US10Y_YIELD, US10Y_AS_OF, US10Y_SOURCE, US10Y_CHANGE_3M, REGIME, SENTIMENT_SCORE,
            TWEET_COUNT_5D, HEADLINE_COUNT_5D);
}
