package dev.quorum.agents.features;

import dev.quorum.agents.AgentInput;
import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.agents.market.MacroSeries;
import dev.quorum.agents.market.MarketDirectories;
import dev.quorum.agents.market.TradingCalendar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Property: for a random (ticker, trade date D), rewriting anything that becomes known after D's close (bars
 * after D, VIX after D, macro values published after D, daily yields and sentiment of D and later days, news after D's 16:00
 * close; or cutting the files short after D) never changes the agent input computed for D. Each case is a
 * seeded Random, so a failure names a reproducible seed.
 */
class NoLookAheadPropertyTest {

    private static final DateTimeFormatter HEADLINE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");
    private static final List<String> TICKERS = List.of("NVDA", "AAPL", "MSFT", "JPM", "XOM", "SPY");

    @TempDir
    static Path workspace;

    private static Path base;
    private static List<LocalDate> sessions;

    @BeforeAll
    static void prepareSampleWithNews() {
        base = MarketDirectories.copy(MarketDirectories.sample(), workspace.resolve("base"));
        Random random = new Random(42);
        for (String ticker : TICKERS) {
            MarketDirectories.write(base.resolve("news/tweets/" + ticker + ".csv"),
                    "ticker,source_symbol,date_utc,created_at_utc,tweet_id,text\n" + String.join("", newsLines(random, 400,
                            (at, i) -> ticker + "," + ticker + "," + at.toString().substring(0, 10) + "," + at + "," + i
                                    + ",synthetic tweet " + i + " about $" + ticker + "\n")));
        }
        MarketDirectories.write(base.resolve("news/analyst_headlines.csv"), "Unnamed: 0,title,date,stock,converted_date\n"
                + String.join("", newsLines(random, 600, (at, i) -> i + ".0,\"Analyst note " + i + ", \"\"synthetic\"\"\","
                + headlineTime(at) + "," + TICKERS.get(i % 3) + ",x\n")));
        sessions = CsvMarketData.open(base).calendar().sessions();
        // A daily 10-year yield from mid-2023 (before it the features fall back to the monthly file), one row a
        // weekday with holidays included, as FRED dates them.
        StringBuilder daily = new StringBuilder("date,rate\n");
        for (LocalDate day = LocalDate.of(2023, 7, 3); !day.isAfter(LocalDate.of(2024, 12, 31)); day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() <= 5) {
                daily.append(day).append(',').append(String.format(Locale.ROOT, "%.2f", 3 + random.nextDouble() * 2)).append('\n');
            }
        }
        MarketDirectories.write(base.resolve(CsvMarketData.US10Y_DAILY_FILE), daily.toString());
    }

    static IntStream seeds() {
        return IntStream.rangeClosed(1, 30);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void should_never_change_what_is_computed_for_a_date_when_later_data_changes(int seed) {
        Random random = new Random(seed);
        String ticker = TICKERS.get(random.nextInt(TICKERS.size()));
        LocalDate tradeDate = sessions.get(random.nextInt(sessions.size() - 1));
        AgentInput before = new AgentInputs(CsvMarketData.open(base)).forDecision(ticker, tradeDate);

        Path mutated = MarketDirectories.copy(base, workspace.resolve("seed-" + seed));
        int changedFiles = mutateAfter(mutated, tradeDate, random);
        AgentInput after = new AgentInputs(CsvMarketData.open(mutated)).forDecision(ticker, tradeDate);

        assertNotEquals(0, changedFiles, "the mutation must change something");
        assertEquals(before.features(), after.features(), "features of " + ticker + " on " + tradeDate + " (seed " + seed + ")");
        assertEquals(before.headlines(), after.headlines(), "headlines of " + ticker + " on " + tradeDate + " (seed " + seed + ")");
    }

    /** Control: the same comparison does see a change made at D itself, so the property above can fail. */
    @Test
    void should_see_a_change_to_the_trade_date_bar() {
        LocalDate tradeDate = LocalDate.of(2024, 6, 3);
        AgentInput before = new AgentInputs(CsvMarketData.open(base)).forDecision("NVDA", tradeDate);
        Path mutated = MarketDirectories.copy(base, workspace.resolve("control"));
        rewrite(mutated.resolve("prices/NVDA.csv"), line -> line.startsWith(tradeDate.toString()) ? scalePrices(line, 1.01) : line);

        AgentInput after = new AgentInputs(CsvMarketData.open(mutated)).forDecision("NVDA", tradeDate);
        assertNotEquals(before.features().get(FeatureKeys.CLOSE), after.features().get(FeatureKeys.CLOSE));
    }

    private static int mutateAfter(Path dir, LocalDate tradeDate, Random random) {
        int changed = 0;
        String day = tradeDate.toString();
        for (String ticker : TICKERS) {
            Path prices = dir.resolve("prices/" + ticker + ".csv");
            if (random.nextBoolean()) {
                changed += rewrite(prices, line -> line.substring(0, 10).compareTo(day) > 0
                        ? scalePrices(line, 0.5 + random.nextDouble()) : line);
            }
            if (random.nextInt(4) == 0) {
                LocalDate cut = tradeDate.plusDays(1 + random.nextInt(30));
                changed += rewrite(prices, line -> line.substring(0, 10).compareTo(cut.toString()) > 0 ? null : line);
            }
            changed += rewrite(dir.resolve("news/tweets/" + ticker + ".csv"),
                    line -> publishedAfterClose(Instant.parse(line.split(",")[3]), tradeDate) && random.nextBoolean()
                            ? (random.nextBoolean() ? null : line.replace("synthetic", "CHANGED")) : line);
        }
        changed += rewrite(dir.resolve("macro/vix-daily.csv"), line -> line.substring(0, 10).compareTo(day) > 0
                ? replaceLastField(line, String.format(Locale.ROOT, "%.2f", 9 + random.nextDouble() * 70)) : line);
        for (MacroSeries series : MacroSeries.values()) {
            changed += rewrite(dir.resolve(series.relativePath()), line -> series.knownFrom(YearMonth.from(LocalDate.parse(line.substring(0, 10))))
                    .isAfter(tradeDate) ? replaceField(line, 1, String.format(Locale.ROOT, "%.3f", 1 + random.nextDouble() * 300)) : line);
        }
        // a day's 10-year yield is published the next business day: D's own value may change too
        changed += rewrite(dir.resolve(CsvMarketData.US10Y_DAILY_FILE), line -> line.substring(0, 10).compareTo(day) >= 0
                ? replaceField(line, 1, String.format(Locale.ROOT, "%.2f", 1 + random.nextDouble() * 6)) : line);
        for (String ticker : List.of("NVDA", "AAPL", "MSFT")) {
            // a day's score is known only after that day's close: D's own score may change too
            changed += rewrite(dir.resolve("news/daily_sentiment/" + ticker + ".csv"), line -> line.substring(0, 10).compareTo(day) >= 0
                    ? replaceField(line, 7, String.format(Locale.ROOT, "%.4f", 1 + random.nextDouble() * 4)) : line);
        }
        changed += rewrite(dir.resolve("news/analyst_headlines.csv"), line -> {
            String[] quoted = line.split("\",");
            String rest = quoted.length == 2 ? quoted[1] : null;
            if (rest == null || !publishedAfterClose(OffsetDateTime.parse(rest.split(",")[0], HEADLINE_TIME).toInstant(), tradeDate)) {
                return line;
            }
            return random.nextBoolean() ? null : line.replace("Analyst note", "Downgrade note");
        });
        return changed;
    }

    private static boolean publishedAfterClose(Instant at, LocalDate tradeDate) {
        return !at.isBefore(tradeDate.atTime(TradingCalendar.CLOSE).atZone(TradingCalendar.EXCHANGE_ZONE).toInstant());
    }

    private static String scalePrices(String line, double factor) {
        String[] f = line.split(",");
        for (int i = 1; i <= 5; i++) {
            f[i] = String.format(Locale.ROOT, "%.6f", Double.parseDouble(f[i]) * factor);
        }
        f[6] = Long.toString(Math.round(Long.parseLong(f[6]) * factor));
        return String.join(",", f);
    }

    private static String replaceField(String line, int index, String value) {
        String[] f = line.split(",", -1);
        f[index] = value;
        return String.join(",", f);
    }

    private static String replaceLastField(String line, String value) {
        return line.substring(0, line.lastIndexOf(',') + 1) + value;
    }

    /** Rewrites every data line (the header is kept); a null result drops the line. Returns 1 if the file changed. */
    private static int rewrite(Path file, UnaryOperator<String> change) {
        try {
            List<String> lines = Files.readAllLines(file);
            List<String> out = new ArrayList<>(List.of(lines.get(0)));
            for (String line : lines.subList(1, lines.size())) {
                String changed = change.apply(line);
                if (changed != null) {
                    out.add(changed);
                }
            }
            if (out.equals(lines)) {
                return 0;
            }
            Files.write(file, out);
            return 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface NewsLine {
        String format(Instant at, int index);
    }

    /** {@code count} lines at random times from 2023-01-01 to 2025-01-05, in time order. */
    private static List<String> newsLines(Random random, int count, NewsLine line) {
        long start = Instant.parse("2023-01-01T00:00:00Z").getEpochSecond();
        long end = Instant.parse("2025-01-05T00:00:00Z").getEpochSecond();
        long[] times = random.longs(count, start, end).sorted().toArray();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(line.format(Instant.ofEpochSecond(times[i]), i));
        }
        return lines;
    }

    private static String headlineTime(Instant at) {
        return HEADLINE_TIME.format(at.atZone(TradingCalendar.EXCHANGE_ZONE));
    }
}
