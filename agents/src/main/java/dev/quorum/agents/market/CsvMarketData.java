package dev.quorum.agents.market;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@link MarketData} read from a directory with the layout of {@code ../shared/data} (and {@code samples/market}):
 * <pre>
 * prices/&lt;TICKER&gt;.csv                 date,open,high,low,close,adj_close,volume,dividend   (required)
 * macro/vix-daily.csv                   DATE,...,CLOSE (only CLOSE is used: some OPEN values are bad)
 * macro/us10y-monthly.csv               Date,Rate        (lagged, see {@link MacroSeries})
 * macro/us10y-daily.csv                 date,rate        (optional; FRED DGS10, known from the next session's close)
 * macro/cpi-us-monthly.csv              Date,Index       (lagged, see {@link MacroSeries})
 * news/tweets/&lt;TICKER&gt;.csv            created_at_utc,text (optional)
 * news/analyst_headlines.csv            title,date,stock (optional)
 * news/daily_sentiment/&lt;TICKER&gt;.csv   Date,Sentiment_gpt,News_flag (optional)
 * news/headlines/&lt;TICKER&gt;.csv         time_utc,headline,summary,source,url (optional; written by quorum data sync)
 * </pre>
 * The trading calendar is the dates of the calendar ticker ({@code SPY} by default), read when opening.
 * Every other file is read on first use, validated (dates strictly increasing, numbers finite), and cached;
 * a bad file fails with its path, line and column, and is read again on the next use (nothing bad is cached).
 * A missing optional file means "no data". Thread-safe.
 */
public final class CsvMarketData implements MarketData, MarketHistory {

    public static final String DEFAULT_CALENDAR_TICKER = "SPY";
    /** 64 MiB: decades of daily bars for one ticker are a few MB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 64L << 20;

    private static final List<String> PRICE_COLUMNS =
            List.of("date", "open", "high", "low", "close", "adj_close", "volume", "dividend");
    private static final DateTimeFormatter HEADLINE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");
    private static final String VIX_FILE = "macro/vix-daily.csv";
    /** FRED {@code DGS10}, one row per day with a value; written by {@code quorum data sync}. */
    public static final String US10Y_DAILY_FILE = "macro/us10y-daily.csv";
    private static final String HEADLINES_FILE = "news/analyst_headlines.csv";

    private final Path directory;
    private final long maxFileBytes;
    private final Set<String> tickers;
    private final TradingCalendar calendar;
    private final Map<String, PointInTimeSeries<PriceBar>> bars = new ConcurrentHashMap<>();
    private final Map<String, PointInTimeSeries<NewsItem>> news = new ConcurrentHashMap<>();
    private final Map<String, PointInTimeSeries<SentimentScore>> sentiment = new ConcurrentHashMap<>();
    private final Map<MacroSeries, PointInTimeSeries<MacroObservation>> macro = new ConcurrentHashMap<>();
    private final Map<String, PointInTimeSeries<DailyValue>> daily = new ConcurrentHashMap<>();
    private final Map<String, Map<String, List<NewsItem>>> headlinesByTicker = new ConcurrentHashMap<>();

    private CsvMarketData(Path directory, String calendarTicker, long maxFileBytes) {
        this.directory = directory;
        this.maxFileBytes = maxFileBytes;
        this.tickers = listTickers(directory);
        if (!tickers.contains(calendarTicker)) {
            throw new MarketDataException(priceFile(calendarTicker)
                    + ": file not found; the calendar ticker " + calendarTicker + " defines the trading sessions");
        }
        PriceColumns sessions = readPriceFile(priceFile(calendarTicker), maxFileBytes);
        bars.put(calendarTicker, PointInTimeSeries.of(sessions));
        this.calendar = new TradingCalendar(sessions.epochDays());
    }

    /** Opens a market-data directory with {@code SPY} as the calendar ticker. */
    public static CsvMarketData open(Path directory) {
        return open(directory, DEFAULT_CALENDAR_TICKER);
    }

    /**
     * @param calendarTicker the ticker whose sessions are the exchange's sessions (news is mapped onto them)
     * @throws MarketDataException when the directory, its {@code prices/} folder or the calendar ticker is missing
     */
    public static CsvMarketData open(Path directory, String calendarTicker) {
        return open(directory, calendarTicker, DEFAULT_MAX_FILE_BYTES);
    }

    /**
     * @param maxFileBytes the largest file read: a bigger one is refused with a {@link MarketDataException} naming
     *                     it (files are read streaming, but what a file's rows become is held)
     */
    public static CsvMarketData open(Path directory, String calendarTicker, long maxFileBytes) {
        return new CsvMarketData(directory.toAbsolutePath().normalize(), calendarTicker, maxFileBytes);
    }

    public Path directory() {
        return directory;
    }

    @Override
    public Set<String> tickers() {
        return tickers;
    }

    @Override
    public TradingCalendar calendar() {
        return calendar;
    }

    @Override
    public List<PriceBar> dailyBars(String ticker) {
        return bars(ticker).all();
    }

    @Override
    public MarketSnapshot asOf(LocalDate tradeDate) {
        if (!calendar.isSession(tradeDate)) {
            List<LocalDate> sessions = calendar.sessions();
            throw new MarketDataException(tradeDate + " is not a trading session in " + directory
                    + " (sessions run from " + sessions.get(0) + " to " + sessions.get(sessions.size() - 1)
                    + "; weekends and exchange holidays are not sessions)");
        }
        return new MarketSnapshot(tradeDate, this, calendar);
    }

    @Override
    public PointInTimeSeries<PriceBar> bars(String ticker) {
        if (!tickers.contains(ticker)) {
            throw new MarketDataException("unknown ticker '" + ticker + "': no " + priceFile(ticker)
                    + " (known tickers: " + String.join(" ", tickers) + ")");
        }
        return cached(bars, ticker, this::readBars);
    }

    @Override
    public PointInTimeSeries<DailyValue> vixCloses() {
        return cached(daily, VIX_FILE, key -> PointInTimeSeries.of(readDailyValues(directory.resolve(key), "DATE", "CLOSE", maxFileBytes), DailyValue::date));
    }

    /**
     * The daily 10-year yield when {@link #US10Y_DAILY_FILE} exists, else empty. The Fed's H.15 release publishes
     * a day's rate on the next business day, so a value dated D is known from the close of the session after D.
     */
    @Override
    public PointInTimeSeries<DailyValue> us10yDaily() {
        return cached(daily, US10Y_DAILY_FILE, key -> {
            Path file = directory.resolve(key);
            if (!Files.exists(file)) {
                return PointInTimeSeries.empty();
            }
            return PointInTimeSeries.of(readDailyValues(file, "date", "rate", maxFileBytes), v -> calendar.sessionAfter(v.date()));
        });
    }

    @Override
    public PointInTimeSeries<MacroObservation> macro(MacroSeries series) {
        return cached(macro, series, this::readMacro);
    }

    @Override
    public PointInTimeSeries<NewsItem> news(String ticker) {
        return cached(news, ticker, this::readNews);
    }

    @Override
    public PointInTimeSeries<SentimentScore> dailySentiment(String ticker) {
        return cached(sentiment, ticker, this::readSentiment);
    }

    // computeIfAbsent would hold a bin lock while reading a file; a racing duplicate read is harmless instead.
    private static <K, V> V cached(Map<K, V> cache, K key, Function<K, V> loader) {
        V value = cache.get(key);
        if (value == null) {
            value = loader.apply(key);
            V raced = cache.putIfAbsent(key, value);
            if (raced != null) {
                value = raced;
            }
        }
        return value;
    }

    private static Set<String> listTickers(Path directory) {
        Path prices = directory.resolve("prices");
        if (!Files.isDirectory(prices)) {
            throw new MarketDataException(prices + ": not a directory; expected a market-data directory with "
                    + "prices/<TICKER>.csv (e.g. samples/market or ../shared/data)");
        }
        try (Stream<Path> files = Files.list(prices)) {
            Set<String> names = new TreeSet<>();
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv"))
                    .forEach(n -> names.add(n.substring(0, n.length() - 4)));
            return Collections.unmodifiableSet(names);
        } catch (IOException e) {
            throw new MarketDataException(prices + ": cannot list: " + e.getMessage(), e);
        }
    }

    private PointInTimeSeries<PriceBar> readBars(String ticker) {
        return PointInTimeSeries.of(readPriceFile(priceFile(ticker), maxFileBytes));
    }

    private Path priceFile(String ticker) {
        return directory.resolve("prices").resolve(ticker + ".csv");
    }

    /**
     * Reads one {@code prices/<TICKER>.csv} with every check {@link #open} applies (columns, strictly increasing
     * dates, positive prices, high not below low, at most {@link #DEFAULT_MAX_FILE_BYTES}). Writers use it to
     * validate a file before it replaces a stored one.
     *
     * @throws MarketDataException naming file, line and column of the first bad cell
     */
    public static List<PriceBar> readPriceFile(Path file) {
        return readPriceFile(file, DEFAULT_MAX_FILE_BYTES);
    }

    /**
     * Two passes: the first counts the bars, so that the columns are allocated once at their final size (no
     * growing copies, no slack) and a file whose bars cannot fit in this JVM's heap is refused in one line instead
     * of ending it with an OutOfMemoryError.
     */
    private static PriceColumns readPriceFile(Path file, long maxFileBytes) {
        long count = CsvFile.countRecords(file, PRICE_COLUMNS, maxFileBytes);
        HeapRoom.require(file, count, PriceColumns.BYTES_PER_BAR);
        PriceColumns result = new PriceColumns(Math.toIntExact(count));
        DateOrder order = new DateOrder("date");
        try (CsvFile csv = CsvFile.open(file, PRICE_COLUMNS, maxFileBytes)) {
            for (CsvRecord r : csv) {
                LocalDate date = order.next(r);
                PriceBar bar = new PriceBar(date, positive(r, "open"), positive(r, "high"), positive(r, "low"),
                        positive(r, "close"), positive(r, "adj_close"), nonNegative(r, "volume"), r.number("dividend"));
                if (bar.high() < bar.low()) {
                    throw r.error("high", "high " + bar.high() + " is below low " + bar.low());
                }
                if (!result.append(bar)) {
                    throw new MarketDataException(file + ": line " + r.line() + ": the file grew while it was read; read it again");
                }
            }
        }
        return result;
    }

    private static double positive(CsvRecord r, String column) {
        double value = r.number(column);
        if (value <= 0) {
            throw r.error(column, "price must be positive, was " + value);
        }
        return value;
    }

    private static long nonNegative(CsvRecord r, String column) {
        long value = r.wholeNumber(column);
        if (value < 0) {
            throw r.error(column, "must not be negative, was " + value);
        }
        return value;
    }

    /** Reads {@code macro/vix-daily.csv} (its DATE and CLOSE columns) with the checks {@link #vixCloses} applies. */
    public static List<DailyValue> readVixFile(Path file) {
        return readDailyValues(file, "DATE", "CLOSE", DEFAULT_MAX_FILE_BYTES);
    }

    /** Reads {@link #US10Y_DAILY_FILE} ({@code date,rate}) with the checks {@link #us10yDaily} applies. */
    public static List<DailyValue> readUs10yDailyFile(Path file) {
        return readDailyValues(file, "date", "rate", DEFAULT_MAX_FILE_BYTES);
    }

    private static List<DailyValue> readDailyValues(Path file, String dateColumn, String valueColumn, long maxFileBytes) {
        List<DailyValue> result = new ArrayList<>();
        DateOrder order = new DateOrder(dateColumn);
        try (CsvFile csv = CsvFile.open(file, List.of(dateColumn, valueColumn), maxFileBytes)) {
            for (CsvRecord r : csv) {
                result.add(new DailyValue(order.next(r), r.number(valueColumn)));
            }
        }
        return result;
    }

    private PointInTimeSeries<MacroObservation> readMacro(MacroSeries series) {
        return PointInTimeSeries.of(readMacroFile(directory.resolve(series.relativePath()), series, maxFileBytes),
                MacroObservation::knownFrom);
    }

    /** Reads a monthly macro file of {@code series} with the checks {@link #macro} applies. */
    public static List<MacroObservation> readMacroFile(Path file, MacroSeries series) {
        return readMacroFile(file, series, DEFAULT_MAX_FILE_BYTES);
    }

    private static List<MacroObservation> readMacroFile(Path file, MacroSeries series, long maxFileBytes) {
        List<MacroObservation> result = new ArrayList<>();
        DateOrder order = new DateOrder("Date");
        try (CsvFile csv = CsvFile.open(file, List.of("Date", series.valueColumn()), maxFileBytes)) {
            for (CsvRecord r : csv) {
                YearMonth month = YearMonth.from(order.next(r));
                result.add(new MacroObservation(month, r.number(series.valueColumn()), series.knownFrom(month)));
            }
        }
        return result;
    }

    private PointInTimeSeries<SentimentScore> readSentiment(String ticker) {
        Path file = directory.resolve("news").resolve("daily_sentiment").resolve(ticker + ".csv");
        if (!Files.exists(file)) {
            return PointInTimeSeries.empty();
        }
        List<SentimentScore> result = new ArrayList<>();
        DateOrder order = new DateOrder("Date", raw -> OffsetDateTime.parse(raw, HEADLINE_TIME).toLocalDate());
        try (CsvFile csv = CsvFile.open(file, List.of("Date", "Sentiment_gpt", "News_flag"), maxFileBytes)) {
            for (CsvRecord r : csv) {
                LocalDate day = order.next(r);
                double score = r.number("Sentiment_gpt");
                // News_flag 0: no news that day; FNSPID fills the score in, so it carries no information.
                if (r.number("News_flag") == 0) {
                    continue;
                }
                if (score < 1 || score > 5) {
                    throw r.error("Sentiment_gpt", "score must be in [1, 5], was " + score);
                }
                result.add(new SentimentScore(day, score, calendar.sessionAfter(day)));
            }
        }
        return PointInTimeSeries.of(result, SentimentScore::knownFrom);
    }

    private PointInTimeSeries<NewsItem> readNews(String ticker) {
        List<NewsItem> items = new ArrayList<>(readTweets(ticker));
        items.addAll(headlines().getOrDefault(ticker, List.of()));
        Path synced = directory.resolve("news").resolve("headlines").resolve(ticker + ".csv");
        if (Files.exists(synced)) {
            items.addAll(readHeadlineFile(synced, ticker, calendar));
        }
        items.sort(Comparator.comparing(NewsItem::session).thenComparing(NewsItem::publishedAt));
        return PointInTimeSeries.of(items, NewsItem::session);
    }

    private List<NewsItem> readTweets(String ticker) {
        Path file = directory.resolve("news").resolve("tweets").resolve(ticker + ".csv");
        if (!Files.exists(file)) {
            return List.of();
        }
        List<NewsItem> result = new ArrayList<>();
        try (CsvFile csv = CsvFile.open(file, List.of("created_at_utc", "text"), maxFileBytes)) {
            for (CsvRecord r : csv) {
                Instant at = r.parsed("created_at_utc", Instant::parse, "an ISO-8601 UTC time like 2014-01-02T15:04:05Z");
                result.add(new NewsItem(ticker, NewsSource.TWEET, at, calendar.sessionOf(at), r.text("text")));
            }
        }
        return result;
    }

    /**
     * Reads a synced {@code news/headlines/<TICKER>.csv}: {@code time_utc} an ISO-8601 UTC time, not decreasing;
     * each headline belongs to the session whose close first knows it ({@link TradingCalendar#sessionOf}: at or
     * after 16:00 New York time, the next session), like every other news item.
     */
    public static List<NewsItem> readHeadlineFile(Path file, String ticker, TradingCalendar calendar) {
        List<NewsItem> result = new ArrayList<>();
        Instant previous = Instant.MIN;
        try (CsvFile csv = CsvFile.open(file, List.of("time_utc", "headline", "summary", "source", "url"), DEFAULT_MAX_FILE_BYTES)) {
            for (CsvRecord r : csv) {
                Instant at = r.parsed("time_utc", Instant::parse, "an ISO-8601 UTC time like 2024-12-30T21:30:00Z");
                if (at.isBefore(previous)) {
                    throw r.error("time_utc", "unsorted time " + at + " after " + previous);
                }
                previous = at;
                String headline = r.text("headline").strip();
                if (headline.isEmpty()) {
                    throw r.error("headline", "empty headline");
                }
                result.add(new NewsItem(ticker, NewsSource.NEWS_HEADLINE, at, calendar.sessionOf(at), headline));
            }
        }
        return result;
    }

    /** All analyst headlines by ticker: one file for every ticker, read once. */
    private Map<String, List<NewsItem>> headlines() {
        return cached(headlinesByTicker, HEADLINES_FILE, key -> {
            Path file = directory.resolve(key);
            if (!Files.exists(file)) {
                return Map.of();
            }
            Map<String, List<NewsItem>> result = new HashMap<>();
            try (CsvFile csv = CsvFile.open(file, List.of("title", "date", "stock"), maxFileBytes)) {
                for (CsvRecord r : csv) {
                    Instant at = r.parsed("date", raw -> OffsetDateTime.parse(raw, HEADLINE_TIME).toInstant(),
                            "a time like 2020-06-10 11:33:00-04:00");
                    String stock = r.text("stock").strip();
                    result.computeIfAbsent(stock, s -> new ArrayList<>())
                            .add(new NewsItem(stock, NewsSource.ANALYST_HEADLINE, at, calendar.sessionOf(at), r.text("title")));
                }
            }
            return result;
        });
    }

    /** Parses a file's date column and rejects dates that are not strictly increasing (unsorted or duplicate). */
    private static final class DateOrder {
        private final String column;
        private final Function<String, LocalDate> parser;
        private LocalDate previous;

        DateOrder(String column) {
            this(column, LocalDate::parse);
        }

        DateOrder(String column, Function<String, LocalDate> parser) {
            this.column = column;
            this.parser = parser;
        }

        LocalDate next(CsvRecord r) {
            LocalDate date = r.parsed(column, parser, "a date like 2024-06-03");
            if (previous != null && !date.isAfter(previous)) {
                throw r.error(column, (date.equals(previous) ? "duplicate date " : "unsorted date ") + date
                        + " after " + previous);
            }
            previous = date;
            return date;
        }
    }
}
