package dev.quorum.agents.features;

import dev.quorum.agents.AgentInput;
import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.agents.market.MarketDataException;
import dev.quorum.agents.market.MarketDirectories;
import dev.quorum.agents.market.MarketSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureCalculatorTest {

    private static final CsvMarketData SAMPLE = CsvMarketData.open(MarketDirectories.sample());
    private static final LocalDate DEMO_DATE = LocalDate.of(2024, 6, 3);

    @Test
    void should_compute_every_price_feature_in_key_order_from_the_sample() {
        Map<String, Object> features = new FeatureCalculator().features(SAMPLE.asOf(DEMO_DATE), "NVDA");

        List<String> expectedOrder = new ArrayList<>(FeatureKeys.ALL);
        // the sample has no news for 2024 and FNSPID ends 2023-12-15
        expectedOrder.removeAll(List.of(FeatureKeys.SENTIMENT_SCORE, FeatureKeys.TWEET_COUNT_5D, FeatureKeys.HEADLINE_COUNT_5D));
        // nor a daily 10-year yield file: the yield is the monthly one, which needs no source
        expectedOrder.remove(FeatureKeys.US10Y_SOURCE);
        assertEquals(expectedOrder, List.copyOf(features.keySet()));
        double close = (Double) features.get(FeatureKeys.CLOSE);
        assertEquals(close, SAMPLE.asOf(DEMO_DATE).bars("NVDA").get(355).close());
        assertEquals(close / (Double) features.get(FeatureKeys.SMA_200) - 1, (Double) features.get(FeatureKeys.PRICE_VS_SMA_200), 1e-12);
        assertEquals((Double) features.get(FeatureKeys.RETURN_20D) - (Double) features.get(FeatureKeys.SPY_RETURN_20D),
                (Double) features.get(FeatureKeys.RELATIVE_STRENGTH_20D_SPY), 1e-12);
        assertTrue((Double) features.get(FeatureKeys.MAX_DRAWDOWN_60D) <= 0);
        double rsi = (Double) features.get(FeatureKeys.RSI_14);
        assertTrue(rsi > 0 && rsi < 100, "rsi " + rsi);
        assertTrue(List.of("high-volatility", "bull", "bear", "sideways").contains((String) features.get(FeatureKeys.REGIME)));
        features.values().forEach(v -> assertFalse(v instanceof Double d && !Double.isFinite(d), "no NaN: " + features));
    }

    @Test
    void should_take_the_10y_yield_from_the_daily_file_a_session_after_its_date(@TempDir Path dir) {
        Path data = MarketDirectories.copy(MarketDirectories.sample(), dir.resolve("market"));
        // Fri 12-27 is known at Mon 12-30's close, Mon 12-30 at Tue 12-31's; 12-31 after the sample's end.
        MarketDirectories.write(data.resolve(CsvMarketData.US10Y_DAILY_FILE),
                "date,rate\n2024-09-27,3.75\n2024-09-30,3.81\n2024-12-26,4.58\n2024-12-27,4.62\n2024-12-30,4.55\n2024-12-31,4.58\n");
        CsvMarketData market = CsvMarketData.open(data);
        FeatureCalculator calculator = new FeatureCalculator();

        Map<String, Object> dec30 = calculator.features(market.asOf(LocalDate.of(2024, 12, 30)), "AAPL");
        assertEquals(4.62, dec30.get(FeatureKeys.US10Y_YIELD), "12-30's own value is not published until 12-31");
        assertEquals("2024-12-27", dec30.get(FeatureKeys.US10Y_AS_OF));
        assertEquals(FeatureCalculator.US10Y_DAILY_SOURCE, dec30.get(FeatureKeys.US10Y_SOURCE));
        // 4.62 on 12-27 against 3.75 on 09-27, three months before
        assertEquals(0.87, (Double) dec30.get(FeatureKeys.US10Y_CHANGE_3M), 1e-9);

        Map<String, Object> dec31 = calculator.features(market.asOf(LocalDate.of(2024, 12, 31)), "AAPL");
        assertEquals(4.55, dec31.get(FeatureKeys.US10Y_YIELD));
        assertEquals("2024-12-30", dec31.get(FeatureKeys.US10Y_AS_OF));
        assertEquals(4.55 - 3.81, (Double) dec31.get(FeatureKeys.US10Y_CHANGE_3M), 1e-9);

        // Before the daily file starts (and a week after it stops) the monthly yield is used, as without the file.
        assertEquals(calculator.features(SAMPLE.asOf(DEMO_DATE), "AAPL"), calculator.features(market.asOf(DEMO_DATE), "AAPL"));
        Map<String, Object> oct15 = calculator.features(market.asOf(LocalDate.of(2024, 10, 15)), "AAPL");
        assertEquals("2024-09", oct15.get(FeatureKeys.US10Y_AS_OF), "09-30 is 15 days old: the monthly September average");
        assertFalse(oct15.containsKey(FeatureKeys.US10Y_SOURCE));
    }

    @Test
    void should_give_the_benchmark_a_beta_and_correlation_of_one() {
        Map<String, Object> features = new FeatureCalculator().features(SAMPLE.asOf(DEMO_DATE), "SPY");
        assertEquals(1.0, (Double) features.get(FeatureKeys.BETA_60D_SPY), 1e-9);
        assertEquals(1.0, (Double) features.get(FeatureKeys.CORRELATION_60D_SPY), 1e-9);
        assertEquals(0.0, (Double) features.get(FeatureKeys.RELATIVE_STRENGTH_20D_SPY), 1e-12);
    }

    @Test
    void should_leave_out_what_needs_more_history_than_there_is() {
        // the 10th session of the sample: no SMA 20, no 20-day return, no MACD yet
        Map<String, Object> features = new FeatureCalculator().features(SAMPLE.asOf(LocalDate.of(2023, 1, 17)), "AAPL");
        assertTrue(features.containsKey(FeatureKeys.RETURN_5D));
        assertFalse(features.containsKey(FeatureKeys.SMA_20));
        assertFalse(features.containsKey(FeatureKeys.RETURN_20D));
        assertFalse(features.containsKey(FeatureKeys.MACD));
        assertFalse(features.containsKey(FeatureKeys.REGIME));
    }

    @Test
    void should_use_the_latest_sentiment_score_known_at_the_close() {
        MarketSnapshot snapshot = SAMPLE.asOf(LocalDate.of(2023, 6, 1));
        Map<String, Object> features = new FeatureCalculator().features(snapshot, "NVDA");
        var scores = snapshot.dailySentiment("NVDA");
        assertEquals(scores.get(scores.size() - 1).score(), features.get(FeatureKeys.SENTIMENT_SCORE));
        assertTrue(scores.get(scores.size() - 1).day().isBefore(LocalDate.of(2023, 6, 1)));
    }

    @Test
    void should_not_depend_on_where_the_price_file_starts() {
        CsvMarketData full = CsvMarketData.open(MarketDirectories.sharedOrSkip());
        FeatureCalculator calculator = new FeatureCalculator();
        Map<String, Object> fromSample = calculator.features(SAMPLE.asOf(DEMO_DATE), "NVDA");
        Map<String, Object> fromFull = calculator.features(full.asOf(DEMO_DATE), "NVDA");

        // sentiment and news exist only in the full data; prices, VIX and macro are the same rows
        for (String key : fromSample.keySet()) {
            Object expected = fromFull.get(key);
            if (expected instanceof Double d) {
                assertEquals(d, (Double) fromSample.get(key), Math.abs(d) * 1e-9 + 1e-12, key);
            } else {
                assertEquals(expected, fromSample.get(key), key);
            }
        }
    }

    @Test
    void should_count_tweets_only_where_the_source_covers_the_ticker() {
        CsvMarketData full = CsvMarketData.open(MarketDirectories.sharedOrSkip());
        FeatureCalculator calculator = new FeatureCalculator();

        Map<String, Object> in2015 = calculator.features(full.asOf(LocalDate.of(2015, 6, 1)), "AAPL");
        assertTrue((Long) in2015.get(FeatureKeys.TWEET_COUNT_5D) > 0, in2015.toString());
        Map<String, Object> in2024 = calculator.features(full.asOf(DEMO_DATE), "AAPL");
        assertFalse(in2024.containsKey(FeatureKeys.TWEET_COUNT_5D), "tweets end in 2016: no coverage is not zero tweets");
    }

    @Test
    void should_build_agent_input_with_recent_headlines_newest_last() {
        CsvMarketData full = CsvMarketData.open(MarketDirectories.sharedOrSkip());
        AgentInput input = new AgentInputs(full, new FeatureCalculator(), new HeadlineSelector(5))
                .forDecision("NVDA", LocalDate.of(2019, 5, 17));

        assertEquals(5, input.headlines().size(), input.headlines().toString());
        List<String> sessions = input.headlines().stream().map(h -> h.substring(0, 10)).toList();
        assertEquals(sessions.stream().sorted().toList(), sessions, "oldest first, newest last");
        assertTrue(sessions.stream().allMatch(s -> s.compareTo("2019-05-17") <= 0));
        assertTrue(input.headlines().get(0).contains(" analyst headline: "), input.headlines().get(0));
        assertEquals("", input.similarSituations());
        assertTrue(input.features().containsKey(FeatureKeys.HEADLINE_COUNT_5D));
    }

    @Test
    void should_refuse_a_date_outside_the_sessions() {
        MarketDataException error = assertThrows(MarketDataException.class,
                () -> new AgentInputs(SAMPLE).forDecision("NVDA", LocalDate.of(2016, 3, 1)));
        assertTrue(error.getMessage().contains("2016-03-01 is not a trading session"), error.getMessage());
    }

    @Test
    void should_refuse_a_ticker_without_a_bar_on_the_trade_date(@TempDir Path dir) {
        String header = "date,open,high,low,close,adj_close,volume,dividend\n";
        MarketDirectories.write(dir.resolve("prices/SPY.csv"), header + "2024-05-31,1,1,1,1,1,1,0\n2024-06-03,1,1,1,1,1,1,0\n");
        MarketDirectories.write(dir.resolve("prices/NEW.csv"), header + "2024-05-31,1,1,1,1,1,1,0\n");

        MarketDataException error = assertThrows(MarketDataException.class,
                () -> new AgentInputs(CsvMarketData.open(dir)).forDecision("NEW", LocalDate.of(2024, 6, 3)));
        assertEquals("NEW has no bar on 2024-06-03 (last bar before it: 2024-05-31)", error.getMessage());
    }
}
