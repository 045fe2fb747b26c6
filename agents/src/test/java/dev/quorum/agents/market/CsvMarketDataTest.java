package dev.quorum.agents.market;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvMarketDataTest {

    private static final String PRICE_HEADER = "date,open,high,low,close,adj_close,volume,dividend\n";
    // Thu 2024-05-30, Fri 2024-05-31, Mon 2024-06-03, Tue 2024-06-04
    private static final String SPY = PRICE_HEADER
            + "2024-05-30,525.0,526.0,522.0,524.0,523.0,1000,0\n"
            + "2024-05-31,524.0,528.0,521.0,527.0,526.0,1100,0\n"
            + "2024-06-03,527.0,529.0,524.0,528.0,527.0,1200,0\n"
            + "2024-06-04,528.0,530.0,525.0,529.0,528.0,1300,0\n";

    @TempDir
    Path dir;

    @BeforeEach
    void writeCalendar() {
        MarketDirectories.write(dir.resolve("prices/SPY.csv"), SPY);
    }

    @Test
    void should_read_the_shipped_sample() {
        CsvMarketData data = CsvMarketData.open(MarketDirectories.sample());

        assertEquals(List.of("AAPL", "JPM", "MSFT", "NVDA", "SPY", "XOM"), List.copyOf(data.tickers()));
        assertEquals(502, data.calendar().sessions().size());
        PriceBar first = data.dailyBars("NVDA").get(0);
        assertEquals(LocalDate.of(2023, 1, 3), first.date());
        assertEquals(LocalDate.of(2024, 12, 31), data.dailyBars("NVDA").get(501).date());
        assertTrue(first.close() > 0 && first.volume() > 0);
    }

    @Test
    void should_cut_bars_vix_and_sentiment_at_the_trade_date() {
        MarketDirectories.write(dir.resolve("macro/vix-daily.csv"),
                "DATE,OPEN,HIGH,LOW,CLOSE\n2024-05-31,bad,13,12,12.9\n2024-06-03,13,14,12,13.1\n2024-06-04,13,14,12,13.5\n");
        MarketDirectories.write(dir.resolve("news/daily_sentiment/SPY.csv"),
                "Date,Sentiment_gpt,News_flag\n"
                        + "2024-05-30 00:00:00+00:00,4.0,1.0\n"
                        + "2024-05-31 00:00:00+00:00,3.0,0.0\n"
                        + "2024-06-03 00:00:00+00:00,2.0,1.0\n");
        MarketSnapshot snapshot = CsvMarketData.open(dir).asOf(LocalDate.of(2024, 6, 3));

        assertEquals(LocalDate.of(2024, 6, 3), snapshot.bars("SPY").get(snapshot.bars("SPY").size() - 1).date());
        assertEquals(3, snapshot.bars("SPY").size());
        assertEquals(List.of(12.9, 13.1), snapshot.vixCloses().stream().map(DailyValue::value).toList(),
                "VIX closes up to and including the trade date; a bad OPEN is never read");
        // 2024-05-30's score is known from the next session; 2024-05-31 had no news (flag 0); 2024-06-03's
        // score is only known after 2024-06-03's close
        assertEquals(List.of(4.0), snapshot.dailySentiment("SPY").stream().map(SentimentScore::score).toList());
    }

    @Test
    void should_assign_news_after_the_close_to_the_next_session() {
        MarketDirectories.write(dir.resolve("news/tweets/SPY.csv"),
                "ticker,source_symbol,date_utc,created_at_utc,tweet_id,text\n"
                        + "SPY,SPY,2024-05-31,2024-05-31T19:59:59Z,1,friday before close\n"
                        + "SPY,SPY,2024-05-31,2024-05-31T20:00:00Z,2,\"friday at the close, with a comma\"\n"
                        + "SPY,SPY,2024-06-01,2024-06-01T15:00:00Z,3,saturday\n"
                        + "SPY,SPY,2024-06-03,2024-06-03T20:30:00Z,4,monday after close\n");
        MarketDirectories.write(dir.resolve("news/analyst_headlines.csv"),
                "Unnamed: 0,title,date,stock,converted_date\n"
                        + "1.0,\"Upgrade, with \"\"quotes\"\"\nand a line break\",2024-06-03 09:15:00-04:00,SPY,03-06-2024\n"
                        + "2.0,Other ticker,2024-06-03 09:15:00-04:00,AAPL,03-06-2024\n");
        CsvMarketData data = CsvMarketData.open(dir);

        List<NewsItem> news = data.news("SPY").all();
        assertEquals(List.of(LocalDate.of(2024, 5, 31), LocalDate.of(2024, 6, 3), LocalDate.of(2024, 6, 3),
                        LocalDate.of(2024, 6, 3), LocalDate.of(2024, 6, 4)),
                news.stream().map(NewsItem::session).toList());
        assertEquals(List.of("friday before close", "friday at the close, with a comma", "saturday",
                        "Upgrade, with \"quotes\"\nand a line break"),
                data.asOf(LocalDate.of(2024, 6, 3)).news("SPY").stream().map(NewsItem::text).toList(),
                "same session ordered by publication time; the after-close Monday tweet is not known on Monday");
        assertEquals(Instant.parse("2024-06-03T13:15:00Z"), news.get(3).publishedAt());
    }

    @Test
    void should_lag_monthly_macro_by_its_publication_delay() {
        MarketDirectories.write(dir.resolve("macro/us10y-monthly.csv"), "Date,Rate\n2024-04-01,4.54\n2024-05-01,4.48\n2024-06-01,4.31\n");
        MarketDirectories.write(dir.resolve("macro/cpi-us-monthly.csv"),
                "Date,Index,Inflation\n2024-03-01,312.3,0.6\n2024-04-01,313.5,0.4\n2024-05-01,314.1,0.2\n");
        MarketSnapshot snapshot = CsvMarketData.open(dir).asOf(LocalDate.of(2024, 6, 3));

        assertEquals(List.of(YearMonth.of(2024, 4), YearMonth.of(2024, 5)),
                snapshot.macro(MacroSeries.US10Y_YIELD).stream().map(MacroObservation::month).toList(),
                "May's average yield is known from June 1st; June's is not known in June");
        assertEquals(List.of(YearMonth.of(2024, 3), YearMonth.of(2024, 4)),
                snapshot.macro(MacroSeries.CPI).stream().map(MacroObservation::month).toList(),
                "April's CPI is known from May 15th; May's only from June 15th");
    }

    @Test
    void should_publish_a_daily_10y_yield_at_the_close_of_the_session_after_its_date() {
        MarketDirectories.write(dir.resolve(CsvMarketData.US10Y_DAILY_FILE), "date,rate\n2024-05-30,4.55\n2024-05-31,4.51\n2024-06-03,4.40\n");
        CsvMarketData data = CsvMarketData.open(dir);

        assertEquals(List.of(), data.asOf(LocalDate.of(2024, 5, 30)).us10yDaily(), "05-30's value is not known on 05-30");
        assertEquals(List.of(new DailyValue(LocalDate.of(2024, 5, 30), 4.55)), data.asOf(LocalDate.of(2024, 5, 31)).us10yDaily());
        assertEquals(List.of(LocalDate.of(2024, 5, 30), LocalDate.of(2024, 5, 31)),
                data.asOf(LocalDate.of(2024, 6, 3)).us10yDaily().stream().map(DailyValue::date).toList(),
                "Friday's value is known at Monday's close, Monday's not yet");
        assertEquals(3, data.asOf(LocalDate.of(2024, 6, 4)).us10yDaily().size());
    }

    @Test
    void should_treat_missing_optional_files_as_no_data() {
        CsvMarketData data = CsvMarketData.open(dir);
        MarketSnapshot snapshot = data.asOf(LocalDate.of(2024, 6, 3));

        assertTrue(snapshot.news("SPY").isEmpty());
        assertTrue(snapshot.dailySentiment("SPY").isEmpty());
        assertTrue(snapshot.us10yDaily().isEmpty(), "no daily 10-year file: the features use the monthly one");
    }

    @Test
    void should_reject_a_date_that_is_not_a_session() {
        MarketDataException error = assertThrows(MarketDataException.class,
                () -> CsvMarketData.open(dir).asOf(LocalDate.of(2024, 6, 1)));
        assertTrue(error.getMessage().contains("2024-06-01 is not a trading session"), error.getMessage());
    }

    @Test
    void should_reject_an_unknown_ticker_listing_the_known_ones() {
        MarketDataException error = assertThrows(MarketDataException.class,
                () -> CsvMarketData.open(dir).dailyBars("NVDX"));
        assertTrue(error.getMessage().contains("unknown ticker 'NVDX'") && error.getMessage().contains("known tickers: SPY"),
                error.getMessage());
    }

    @Test
    void should_fail_without_the_calendar_ticker() {
        MarketDataException error = assertThrows(MarketDataException.class, () -> CsvMarketData.open(dir, "QQQ"));
        assertTrue(error.getMessage().contains("QQQ.csv: file not found"), error.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing column|date,open,high,low,close,volume,dividend\\n2024-05-30,1,1,1,1,1,0\\n|line 1, column 'adj_close': missing column",
            "unparsable number|" + "date,open,high,low,close,adj_close,volume,dividend\\n2024-05-30,1,1,1,1x,1,1,0\\n|line 2, column 'close': not a number: '1x'",
            "NaN|" + "date,open,high,low,close,adj_close,volume,dividend\\n2024-05-30,1,1,1,1,1,1,0\\n2024-05-31,1,1,1,NaN,1,1,0\\n|line 3, column 'close': not a number: 'NaN'",
            "empty cell|" + "date,open,high,low,close,adj_close,volume,dividend\\n2024-05-30,1,1,1,1,1,,0\\n|line 2, column 'volume': not a whole number: ''",
            "duplicate date|" + "date,open,high,low,close,adj_close,volume,dividend\\n2024-05-30,1,1,1,1,1,1,0\\n2024-05-30,1,1,1,1,1,1,0\\n|line 3, column 'date': duplicate date 2024-05-30",
            "unsorted dates|" + "date,open,high,low,close,adj_close,volume,dividend\\n2024-05-31,1,1,1,1,1,1,0\\n2024-05-30,1,1,1,1,1,1,0\\n|line 3, column 'date': unsorted date 2024-05-30 after 2024-05-31",
            "bad date|" + "date,open,high,low,close,adj_close,volume,dividend\\n2024-13-30,1,1,1,1,1,1,0\\n|line 2, column 'date': expected a date",
            "negative price|" + "date,open,high,low,close,adj_close,volume,dividend\\n2024-05-30,1,1,1,-1,1,1,0\\n|line 2, column 'close': price must be positive",
            "missing field|" + "date,open,high,low,close,adj_close,volume,dividend\\n2024-05-30,1,1,1,1,1,1\\n|line 2: 7 fields, the header has 8",
    })
    void should_reject_a_bad_price_file_naming_file_line_and_column(String problem, String content, String expected) {
        Path file = dir.resolve("prices/NVDA.csv");
        MarketDirectories.write(file, content.replace("\\n", "\n"));
        CsvMarketData data = CsvMarketData.open(dir);

        MarketDataException error = assertThrows(MarketDataException.class, () -> data.dailyBars("NVDA"));
        assertTrue(error.getMessage().startsWith(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains(expected), problem + ": " + error.getMessage());
    }

    @Test
    void should_reject_a_bad_vix_close_but_not_a_bad_open() {
        Path file = dir.resolve("macro/vix-daily.csv");
        MarketDirectories.write(file, "DATE,OPEN,HIGH,LOW,CLOSE\n2024-05-30,oops,13,12,12.9\n2024-05-31,13,14,12,\n");
        CsvMarketData data = CsvMarketData.open(dir);

        MarketDataException error = assertThrows(MarketDataException.class, () -> data.asOf(LocalDate.of(2024, 6, 3)).vixCloses());
        assertEquals(file + ": line 3, column 'CLOSE': not a number: ''", error.getMessage());
    }

    @Test
    void should_give_back_every_value_read_exactly_from_the_columns() {
        MarketDirectories.write(dir.resolve("prices/NVDA.csv"), PRICE_HEADER
                + "2024-05-30,183.979996,184.070007,182.479996,182.919998,148.580282,7119636900,0\n"
                + "2024-05-31,1e-3,0.0015,0.001,0.0012,0.0011,0,0.04\n"
                + "2024-06-03,527,529,524,528,527,1,-0\n"
                + "2024-06-04,528.0,530.0,525.0,529.0,528.0,1300,0.2400000001\n");
        CsvMarketData data = CsvMarketData.open(dir);

        List<PriceBar> expected = List.of(
                new PriceBar(LocalDate.of(2024, 5, 30), 183.979996, 184.070007, 182.479996, 182.919998, 148.580282, 7119636900L, 0),
                new PriceBar(LocalDate.of(2024, 5, 31), 0.001, 0.0015, 0.001, 0.0012, 0.0011, 0, 0.04),
                new PriceBar(LocalDate.of(2024, 6, 3), 527, 529, 524, 528, 527, 1, -0.0),
                new PriceBar(LocalDate.of(2024, 6, 4), 528, 530, 525, 529, 528, 1300, 0.2400000001));
        // Record equality compares doubles bit for bit (Double.compare): -0.0 is not 0.0.
        assertEquals(expected, data.dailyBars("NVDA"));
        assertEquals(expected.subList(0, 3), data.asOf(LocalDate.of(2024, 6, 3)).bars("NVDA"));
        assertEquals(List.of(LocalDate.of(2024, 5, 30), LocalDate.of(2024, 5, 31), LocalDate.of(2024, 6, 3),
                LocalDate.of(2024, 6, 4)), data.calendar().sessions());
    }

    @Test
    void should_count_lines_across_a_byte_order_mark_crlf_and_blank_lines_when_reading_streaming() {
        Path file = dir.resolve("prices/NVDA.csv");
        MarketDirectories.write(file, "\uFEFF" + PRICE_HEADER.replace("\n", "\r\n")
                + "2024-05-30,1,1,1,1,1,1,0\r\n\r\n\n2024-05-31,1,1,1,1x,1,1,0\r\n");
        CsvMarketData data = CsvMarketData.open(dir);

        MarketDataException error = assertThrows(MarketDataException.class, () -> data.dailyBars("NVDA"));
        assertEquals(file + ": line 5, column 'close': not a number: '1x'", error.getMessage());
    }

    @Test
    void should_refuse_rows_that_cannot_fit_in_the_heap_in_one_line_naming_the_file() {
        Path file = dir.resolve("prices/NVDA.csv");

        // 2^40 bars x 56 bytes: more than any heap this runs with.
        MarketDataException error = assertThrows(MarketDataException.class,
                () -> HeapRoom.require(file, 1L << 40, PriceColumns.BYTES_PER_BAR));
        assertTrue(error.getMessage().matches("\\Q" + file + "\\E: 1099511627776 rows need 58720256 MB of heap, \\d+ MB of the"
                + " JVM's \\d+ MB are free; give it more \\(QUORUM_JAVA_OPTS=-Xmx\\.\\.\\.\\) or trim the file"), error.getMessage());
    }
}
