package dev.quorum.agents.features;

import dev.quorum.agents.market.DailyValue;
import dev.quorum.agents.market.MacroObservation;
import dev.quorum.agents.market.MacroSeries;
import dev.quorum.agents.market.MarketDataException;
import dev.quorum.agents.market.MarketSnapshot;
import dev.quorum.agents.market.NewsItem;
import dev.quorum.agents.market.NewsSource;
import dev.quorum.agents.market.PriceBar;
import dev.quorum.agents.market.SentimentScore;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Computes the {@link FeatureKeys} of one ticker from a {@link MarketSnapshot}, so it cannot see anything
 * after the snapshot's trade date. Stateless and thread-safe.
 */
public final class FeatureCalculator {

    /** Sessions of history read per ticker: SMA 200 plus a warm-up for the recursive indicators. */
    public static final int LOOKBACK_SESSIONS = 260;
    /** Sessions whose 20-day volatility ranks today's: as many as the lookback allows, about a trading year. */
    public static final int VOL_RANK_SESSIONS = 240;
    private static final int SLOPE_SESSIONS = 20;
    /** "Recent" news and sentiment: the trade date and the 4 sessions before it. */
    public static final int RECENT_SESSIONS = 5;
    /** A news source counts as covering a ticker when it has an item within this many sessions. */
    public static final int NEWS_COVERAGE_SESSIONS = 60;
    static final int VIX_MAX_AGE_DAYS = 7;
    static final int MACRO_MAX_AGE_MONTHS = 3;
    /** A daily yield older than this (the sync stopped, or the trade date is before the daily file) gives way to the monthly. */
    static final int US10Y_DAILY_MAX_AGE_DAYS = 7;
    /** {@link FeatureKeys#US10Y_SOURCE} of a daily yield, as prompts show it. */
    public static final String US10Y_DAILY_SOURCE = "daily DGS10, published the next session";

    private final String benchmark;

    /** @param benchmark the index ticker for beta, correlation, relative strength and the regime (SPY) */
    public FeatureCalculator(String benchmark) {
        this.benchmark = Objects.requireNonNull(benchmark, "benchmark");
    }

    public FeatureCalculator() {
        this("SPY");
    }

    /**
     * The features of {@code ticker} at the snapshot's trade date, in {@link FeatureKeys#ALL} order.
     *
     * @throws MarketDataException when the ticker is unknown or has no bar on the trade date
     */
    public Map<String, Object> features(MarketSnapshot snapshot, String ticker) {
        PriceWindow stock = window(snapshot, ticker);
        Map<String, Object> values = new HashMap<>();
        priceFeatures(stock, values);
        benchmarkFeatures(snapshot, stock, values);
        vixAndRates(snapshot, values);
        newsFeatures(snapshot, ticker, values);
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String key : FeatureKeys.ALL) {
            Object value = values.get(key);
            if (value != null) {
                ordered.put(key, value);
            }
        }
        return ordered;
    }

    private PriceWindow window(MarketSnapshot snapshot, String ticker) {
        List<PriceBar> bars = snapshot.bars(ticker);
        if (bars.isEmpty() || !bars.get(bars.size() - 1).date().equals(snapshot.tradeDate())) {
            throw new MarketDataException(ticker + " has no bar on " + snapshot.tradeDate()
                    + (bars.isEmpty() ? " (no earlier bar either)" : " (last bar before it: " + bars.get(bars.size() - 1).date() + ")"));
        }
        return new PriceWindow(bars.subList(Math.max(0, bars.size() - LOOKBACK_SESSIONS), bars.size()));
    }

    private static void priceFeatures(PriceWindow w, Map<String, Object> out) {
        double close = w.closes[w.closes.length - 1];
        out.put(FeatureKeys.CLOSE, close);
        put(out, FeatureKeys.RETURN_1D, Momentum.totalReturn(w.adjCloses, 1));
        put(out, FeatureKeys.RETURN_5D, Momentum.totalReturn(w.adjCloses, 5));
        put(out, FeatureKeys.RETURN_20D, Momentum.totalReturn(w.adjCloses, 20));
        put(out, FeatureKeys.RETURN_60D, Momentum.totalReturn(w.adjCloses, 60));
        smaFeatures(w.closes, 20, FeatureKeys.SMA_20, FeatureKeys.PRICE_VS_SMA_20, out);
        smaFeatures(w.closes, 50, FeatureKeys.SMA_50, FeatureKeys.PRICE_VS_SMA_50, out);
        smaFeatures(w.closes, 200, FeatureKeys.SMA_200, FeatureKeys.PRICE_VS_SMA_200, out);
        put(out, FeatureKeys.RSI_14, Momentum.rsi(w.closes, 14));
        Momentum.macd(w.closes, 12, 26, 9).ifPresent(m -> {
            out.put(FeatureKeys.MACD, m.line());
            out.put(FeatureKeys.MACD_SIGNAL, m.signal());
            out.put(FeatureKeys.MACD_HISTOGRAM, m.histogram());
        });
        put(out, FeatureKeys.BOLLINGER_PCT_B, Volatility.bollingerPercentB(w.closes, 20, 2.0));
        Volatility.averageTrueRange(w.highs, w.lows, w.closes, 14)
                .ifPresent(atr -> out.put(FeatureKeys.ATR_14_PCT, atr / close));
        put(out, FeatureKeys.REALIZED_VOL_20D, Volatility.realizedVolatility(w.adjCloses, 20));
        put(out, FeatureKeys.REALIZED_VOL_20D_RANK_1Y, volatilityRank(w.adjCloses, 20, VOL_RANK_SESSIONS));
        put(out, FeatureKeys.SMA_50_SLOPE_20D, smaSlope(w.closes, 50, SLOPE_SESSIONS));
        put(out, FeatureKeys.SMA_200_SLOPE_20D, smaSlope(w.closes, 200, SLOPE_SESSIONS));
        put(out, FeatureKeys.MAX_DRAWDOWN_60D, Volatility.maxDrawdown(w.adjCloses, 60));
        put(out, FeatureKeys.VOLUME_ZSCORE_20D, Volatility.zScoreOfLast(w.volumes, 20));
    }

    /** SMA today / the SMA {@code sessions} sessions earlier - 1; empty without the history for both. */
    private static OptionalDouble smaSlope(double[] closes, int period, int sessions) {
        OptionalDouble now = MovingAverages.sma(closes, period);
        if (closes.length < period + sessions || now.isEmpty()) {
            return OptionalDouble.empty();
        }
        OptionalDouble before = MovingAverages.sma(Arrays.copyOf(closes, closes.length - sessions), period);
        return before.isPresent() && before.getAsDouble() > 0
                ? OptionalDouble.of(now.getAsDouble() / before.getAsDouble() - 1) : OptionalDouble.empty();
    }

    /**
     * Percentile rank (0..100) of today's {@code sessions}-day volatility among those ending on each of the last
     * {@code history} sessions, today included: the share of them at or below today's. Empty without that history.
     */
    static OptionalDouble volatilityRank(double[] prices, int sessions, int history) {
        if (prices.length < history + sessions) {
            return OptionalDouble.empty();
        }
        double[] vols = new double[history];
        for (int k = 0; k < history; k++) {
            int end = prices.length - history + k + 1;
            vols[k] = Volatility.realizedVolatility(Arrays.copyOfRange(prices, end - sessions - 1, end), sessions).orElseThrow();
        }
        double today = vols[history - 1];
        long atOrBelow = Arrays.stream(vols).filter(v -> v <= today).count();
        return OptionalDouble.of(100.0 * atOrBelow / history);
    }

    private static void smaFeatures(double[] closes, int period, String smaKey, String vsKey, Map<String, Object> out) {
        MovingAverages.sma(closes, period).ifPresent(sma -> {
            out.put(smaKey, sma);
            out.put(vsKey, closes[closes.length - 1] / sma - 1);
        });
    }

    private void benchmarkFeatures(MarketSnapshot snapshot, PriceWindow stock, Map<String, Object> out) {
        List<PriceBar> benchmarkBars = snapshot.bars(benchmark);
        if (benchmarkBars.isEmpty() || !benchmarkBars.get(benchmarkBars.size() - 1).date().equals(snapshot.tradeDate())) {
            return; // benchmark did not trade that day: no market-relative features rather than stale ones
        }
        PriceWindow index = new PriceWindow(benchmarkBars.subList(Math.max(0, benchmarkBars.size() - LOOKBACK_SESSIONS),
                benchmarkBars.size()));
        OptionalDouble indexReturn20 = Momentum.totalReturn(index.adjCloses, 20);
        put(out, FeatureKeys.SPY_RETURN_20D, indexReturn20);
        OptionalDouble stockReturn20 = Momentum.totalReturn(stock.adjCloses, 20);
        if (indexReturn20.isPresent() && stockReturn20.isPresent()) {
            out.put(FeatureKeys.RELATIVE_STRENGTH_20D_SPY, stockReturn20.getAsDouble() - indexReturn20.getAsDouble());
        }
        double indexClose = index.closes[index.closes.length - 1];
        OptionalDouble sma200 = MovingAverages.sma(index.closes, 200);
        sma200.ifPresent(sma -> out.put(FeatureKeys.SPY_PRICE_VS_SMA_200, indexClose / sma - 1));
        alignedReturns(stock, index, 60).flatMap(r -> CoMovement.against(r[0], r[1])).ifPresent(bc -> {
            out.put(FeatureKeys.BETA_60D_SPY, bc.beta());
            out.put(FeatureKeys.CORRELATION_60D_SPY, bc.correlation());
        });
        OptionalDouble vix = lastVix(snapshot);
        OptionalDouble sma50 = MovingAverages.sma(index.closes, 50);
        if (vix.isPresent() && sma50.isPresent() && sma200.isPresent()) {
            out.put(FeatureKeys.REGIME, MarketRegime.classify(vix.getAsDouble(), indexClose, sma50.getAsDouble(),
                    sma200.getAsDouble()).label());
        }
    }

    /** The last {@code sessions} daily returns of both, on the same dates; empty when the dates differ. */
    private static Optional<double[][]> alignedReturns(PriceWindow stock, PriceWindow index, int sessions) {
        int ns = stock.dates.length;
        int ni = index.dates.length;
        if (ns < sessions + 1 || ni < sessions + 1) {
            return Optional.empty();
        }
        double[][] returns = new double[2][sessions];
        for (int k = 0; k < sessions; k++) {
            int s = ns - sessions + k;
            int i = ni - sessions + k;
            if (!stock.dates[s].equals(index.dates[i]) || !stock.dates[s - 1].equals(index.dates[i - 1])) {
                return Optional.empty();
            }
            returns[0][k] = stock.adjCloses[s] / stock.adjCloses[s - 1] - 1;
            returns[1][k] = index.adjCloses[i] / index.adjCloses[i - 1] - 1;
        }
        return Optional.of(returns);
    }

    private static OptionalDouble lastVix(MarketSnapshot snapshot) {
        List<DailyValue> vix = snapshot.vixCloses();
        if (vix.isEmpty()) {
            return OptionalDouble.empty();
        }
        DailyValue last = vix.get(vix.size() - 1);
        if (ChronoUnit.DAYS.between(last.date(), snapshot.tradeDate()) > VIX_MAX_AGE_DAYS) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(last.value());
    }

    private static void vixAndRates(MarketSnapshot snapshot, Map<String, Object> out) {
        OptionalDouble vix = lastVix(snapshot);
        put(out, FeatureKeys.VIX_LEVEL, vix);
        List<DailyValue> vixCloses = snapshot.vixCloses();
        if (vix.isPresent() && vixCloses.size() > 20) {
            out.put(FeatureKeys.VIX_CHANGE_20D, vix.getAsDouble() - vixCloses.get(vixCloses.size() - 21).value());
        }
        if (dailyRate(snapshot, out)) {
            return;
        }
        List<MacroObservation> yields = snapshot.macro(MacroSeries.US10Y_YIELD);
        if (yields.isEmpty()) {
            return;
        }
        MacroObservation latest = yields.get(yields.size() - 1);
        YearMonth tradeMonth = YearMonth.from(snapshot.tradeDate());
        if (latest.month().isBefore(tradeMonth.minusMonths(MACRO_MAX_AGE_MONTHS))) {
            return; // a stale yield is worse than none
        }
        out.put(FeatureKeys.US10Y_YIELD, latest.value());
        out.put(FeatureKeys.US10Y_AS_OF, latest.month().toString());
        if (yields.size() > 3) {
            MacroObservation earlier = yields.get(yields.size() - 4);
            if (earlier.month().equals(latest.month().minusMonths(3))) {
                out.put(FeatureKeys.US10Y_CHANGE_3M, latest.value() - earlier.value());
            }
        }
    }

    /** The 10-year yield from the daily file when it has a recent enough value known at the trade date; else false. */
    private static boolean dailyRate(MarketSnapshot snapshot, Map<String, Object> out) {
        List<DailyValue> daily = snapshot.us10yDaily();
        if (daily.isEmpty()) {
            return false;
        }
        DailyValue latest = daily.get(daily.size() - 1);
        if (ChronoUnit.DAYS.between(latest.date(), snapshot.tradeDate()) > US10Y_DAILY_MAX_AGE_DAYS) {
            return false;
        }
        out.put(FeatureKeys.US10Y_YIELD, latest.value());
        out.put(FeatureKeys.US10Y_AS_OF, latest.date().toString());
        out.put(FeatureKeys.US10Y_SOURCE, US10Y_DAILY_SOURCE);
        LocalDate target = latest.date().minusMonths(3);
        for (int i = daily.size() - 2; i >= 0; i--) {
            DailyValue earlier = daily.get(i);
            if (!earlier.date().isAfter(target)) {
                if (ChronoUnit.DAYS.between(earlier.date(), target) <= US10Y_DAILY_MAX_AGE_DAYS) {
                    out.put(FeatureKeys.US10Y_CHANGE_3M, latest.value() - earlier.value());
                }
                break;
            }
        }
        return true;
    }

    private static void newsFeatures(MarketSnapshot snapshot, String ticker, Map<String, Object> out) {
        LocalDate recentStart = snapshot.calendar().sessionsBefore(snapshot.tradeDate(), RECENT_SESSIONS - 1);
        LocalDate coverageStart = snapshot.calendar().sessionsBefore(snapshot.tradeDate(), NEWS_COVERAGE_SESSIONS - 1);
        List<SentimentScore> scores = snapshot.dailySentiment(ticker);
        if (!scores.isEmpty()) {
            SentimentScore latest = scores.get(scores.size() - 1);
            if (!latest.knownFrom().isBefore(recentStart)) {
                out.put(FeatureKeys.SENTIMENT_SCORE, latest.score());
            }
        }
        List<NewsItem> news = snapshot.news(ticker);
        long[] recent = new long[NewsSource.values().length];
        boolean[] covered = new boolean[NewsSource.values().length];
        // newest first: stop at the coverage window's start
        for (int i = news.size() - 1; i >= 0; i--) {
            NewsItem item = news.get(i);
            if (item.session().isBefore(coverageStart)) {
                break;
            }
            covered[item.source().ordinal()] = true;
            if (!item.session().isBefore(recentStart)) {
                recent[item.source().ordinal()]++;
            }
        }
        if (covered[NewsSource.TWEET.ordinal()]) {
            out.put(FeatureKeys.TWEET_COUNT_5D, recent[NewsSource.TWEET.ordinal()]);
        }
        if (covered[NewsSource.ANALYST_HEADLINE.ordinal()]) {
            out.put(FeatureKeys.HEADLINE_COUNT_5D, recent[NewsSource.ANALYST_HEADLINE.ordinal()]);
        }
    }

    private static void put(Map<String, Object> out, String key, OptionalDouble value) {
        value.ifPresent(v -> out.put(key, v));
    }

    /** Column arrays of a window of bars, oldest first. */
    private static final class PriceWindow {
        final LocalDate[] dates;
        final double[] closes;
        final double[] adjCloses;
        final double[] highs;
        final double[] lows;
        final double[] volumes;

        PriceWindow(List<PriceBar> bars) {
            int n = bars.size();
            dates = new LocalDate[n];
            closes = new double[n];
            adjCloses = new double[n];
            highs = new double[n];
            lows = new double[n];
            volumes = new double[n];
            for (int i = 0; i < n; i++) {
                PriceBar bar = bars.get(i);
                dates[i] = bar.date();
                closes[i] = bar.close();
                adjCloses[i] = bar.adjClose();
                highs[i] = bar.high();
                lows[i] = bar.low();
                volumes[i] = bar.volume();
            }
        }
    }
}
