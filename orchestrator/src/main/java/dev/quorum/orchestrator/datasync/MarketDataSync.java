package dev.quorum.orchestrator.datasync;

import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.agents.market.MarketDataException;
import dev.quorum.agents.market.NewsItem;
import dev.quorum.agents.market.PriceBar;
import dev.quorum.agents.market.TradingCalendar;
import dev.quorum.orchestrator.config.MarketSyncConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One sync of a market-data directory: {@code prices/<TICKER>.csv} for each ticker and the calendar ticker (SPY),
 * then the macro files, up to the last completed session. Incremental (a file is asked for from a few days before
 * its last bar, {@code overlap_days}, to notice revisions), idempotent (a second run adds nothing), atomic per file
 * ({@link AtomicCsv}). A failing file does not stop the others: the cycle then decides on what is there, and says
 * how stale it is. Only a refused key stops the sync, since every further request would be refused too.
 */
public final class MarketDataSync {

    private static final Logger LOG = LoggerFactory.getLogger(MarketDataSync.class);

    /** A session's daily bar is taken as final this long after the 16:00 close (the closing auction prints late). */
    static final Duration SETTLE_AFTER_CLOSE = Duration.ofMinutes(15);

    /** Validating a headlines file needs no sessions: only its own columns and order are checked. */
    private static final TradingCalendar NO_CALENDAR = new TradingCalendar(List.of());

    /** What happened to one file. */
    public enum Status { UPDATED, UP_TO_DATE, REVISIONS_PENDING, FAILED }

    /**
     * @param file      the file, relative to the market-data directory
     * @param added     rows appended after the last stored one
     * @param revised   stored rows the provider revised (applied when the status is UPDATED)
     * @param lastDate  the file's last date after the sync, empty when it does not exist
     * @param problem   why it failed or what is pending, else empty
     */
    public record FileResult(String file, String provider, Status status, int added, int revised,
                             Optional<LocalDate> lastDate, String problem) {

        /** The one line the terminal shows for the file. */
        public String summary() {
            String last = lastDate.map(d -> "last " + d).orElse("no data");
            return switch (status) {
                case UPDATED -> file + ": +" + added + " row(s)" + (revised > 0 ? ", " + revised + " revised" : "") + ", "
                        + last + " (" + provider + ")";
                case UP_TO_DATE -> file + ": up to date, " + last + " (" + provider + ")";
                case REVISIONS_PENDING -> file + ": NOT UPDATED, " + revised + " revision(s) pending, " + last + " ("
                        + provider + "): " + problem;
                case FAILED -> file + ": FAILED, " + last + " (" + provider + "): " + problem;
            };
        }
    }

    /** Every file's result, in the order synced. */
    public record Report(List<FileResult> files) {

        /** Whether every file is current (nothing failed, no revision left pending). */
        public boolean complete() {
            return files.stream().allMatch(f -> f.status() == Status.UPDATED || f.status() == Status.UP_TO_DATE);
        }

        public int rowsAdded() {
            return files.stream().mapToInt(FileResult::added).sum();
        }
    }

    private final Path directory;
    private final MarketSyncConfig config;
    private final PriceSource prices;
    private final Optional<FredMacro> macro;
    private final Optional<AlpacaNews> news;
    private final Clock clock;
    private final PrintWriter out;
    private final SyncDeadline deadline;

    MarketDataSync(Path directory, MarketSyncConfig config, PriceSource prices, Optional<FredMacro> macro,
                   Optional<AlpacaNews> news, Clock clock, PrintWriter out) {
        this(directory, config, prices, macro, news, clock, out, new SyncDeadline(clock, config.timeout()));
    }

    private MarketDataSync(Path directory, MarketSyncConfig config, PriceSource prices, Optional<FredMacro> macro,
                           Optional<AlpacaNews> news, Clock clock, PrintWriter out, SyncDeadline deadline) {
        this.deadline = deadline;
        this.directory = directory;
        this.config = config;
        this.prices = prices;
        this.macro = macro;
        this.news = news;
        this.clock = clock;
        this.out = out;
    }

    /** A sync of {@code directory} with the providers {@code config} selects; progress goes to {@code out}. */
    public static MarketDataSync open(Path directory, MarketSyncConfig config, SyncMetrics metrics, Clock clock, PrintWriter out) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(config.requestTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        SyncDeadline deadline = new SyncDeadline(clock, config.timeout());
        Function<String, Function<Integer, ProviderClient>> client = name -> interval -> new ProviderClient(name, http,
                config.requestTimeout(), Duration.ofMillis(interval), config.maxAttempts(),
                Duration.ofMillis(config.backoffInitialMillis()), deadline, metrics);
        // One client per provider: bars and news of Alpaca share its pacing and rate limit.
        ProviderClient alpaca = client.apply("alpaca").apply(config.alpaca().minIntervalMillis());
        PriceSource prices = switch (config.prices()) {
            case STOOQ -> new StooqPrices(client.apply("stooq").apply(config.stooq().minIntervalMillis()), config.stooq().baseUrl());
            case ALPACA -> new AlpacaPrices(alpaca, config.alpaca().baseUrl(), config.alpaca().feed(),
                    config.alpaca().adjustment(), config.alpaca().keyId(), config.alpaca().secretKey());
        };
        Optional<AlpacaNews> news = config.news() == MarketSyncConfig.NewsProvider.ALPACA
                ? Optional.of(new AlpacaNews(alpaca, config.alpaca().baseUrl(), config.alpaca().keyId(), config.alpaca().secretKey()))
                : Optional.empty();
        Optional<FredMacro> macro = config.macro() == MarketSyncConfig.MacroProvider.FRED
                ? Optional.of(new FredMacro(client.apply("fred").apply(config.fred().minIntervalMillis()), config.fred().baseUrl()))
                : Optional.empty();
        return new MarketDataSync(directory, config, prices, macro, news, clock, out, deadline);
    }

    /**
     * The last session whose daily bar is final at {@code now}: today from 16:15 New York time on a session day, else
     * the session before, by the exchange's holiday rules ({@link ExchangeCalendar}).
     */
    public static LocalDate lastCompletedSession(Clock clock) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(TradingCalendar.EXCHANGE_ZONE));
        LocalDate day = now.toLocalTime().isBefore(TradingCalendar.CLOSE.plus(SETTLE_AFTER_CLOSE))
                ? now.toLocalDate().minusDays(1) : now.toLocalDate();
        return ExchangeCalendar.sessionOnOrBefore(day);
    }

    /**
     * Syncs the prices of {@code tickers} and {@link CsvMarketData#DEFAULT_CALENDAR_TICKER}, then the macro files.
     *
     * @param from           the first date of a file that does not exist yet (default {@code market.sync.start_date})
     * @param allowRevisions whether revised stored bars are rewritten (each logged with old and new values)
     * @throws SyncFailure of kind AUTH when the provider refuses the key
     */
    public Report sync(Collection<String> tickers, Optional<LocalDate> from, boolean allowRevisions) {
        deadline.start();
        LocalDate lastSession = lastCompletedSession(clock);
        LocalDate firstDate = from.orElse(config.firstDate());
        Set<String> all = new LinkedHashSet<>();
        all.add(CsvMarketData.DEFAULT_CALENDAR_TICKER);
        all.addAll(tickers);
        AtomicCsv.removeLeftovers(directory.resolve("prices"));
        AtomicCsv.removeLeftovers(directory.resolve("macro"));
        AtomicCsv.removeLeftovers(directory.resolve("news").resolve("headlines"));
        out.println("Syncing " + directory + " up to the session of " + lastSession + ": " + all.size()
                + " price file(s) from " + prices.name() + news.map(n -> ", news from " + n.name()).orElse("")
                + macro.map(m -> ", macro from " + m.name()).orElse(""));
        out.flush();
        List<FileResult> results = new ArrayList<>();
        for (String ticker : all) {
            results.add(report(syncPrices(ticker, firstDate, lastSession, allowRevisions)));
        }
        news.ifPresent(provider -> {
            for (String ticker : all) {
                results.add(report(syncNews(provider, ticker, firstDate)));
            }
        });
        macro.ifPresent(fred -> {
            for (MacroFile file : MacroFile.values()) {
                results.add(report(syncMacro(fred, file, firstDate, lastSession)));
            }
        });
        return new Report(results);
    }

    private FileResult report(FileResult result) {
        out.println("  " + result.summary());
        out.flush();
        return result;
    }

    private FileResult syncPrices(String ticker, LocalDate firstDate, LocalDate lastSession, boolean allowRevisions) {
        String relative = "prices/" + ticker + ".csv";
        Path file = directory.resolve(relative);
        List<PriceBar> stored = List.of();
        try {
            stored = Files.exists(file) ? CsvMarketData.readPriceFile(file) : List.of();
            Optional<LocalDate> lastStored = stored.isEmpty() ? Optional.empty() : Optional.of(stored.get(stored.size() - 1).date());
            LocalDate start = lastStored.map(d -> d.minusDays(config.overlapDays())).orElse(firstDate);
            out.println("  " + relative + ": asking " + prices.name() + " for " + start + " .. " + lastSession);
            out.flush();
            PriceMerge.Result merge = PriceMerge.merge(stored, prices.dailyBars(ticker, start, lastSession), lastSession);
            if (stored.isEmpty() && merge.appended().isEmpty()) {
                return new FileResult(relative, prices.name(), Status.FAILED, 0, 0, Optional.empty(), "unknown symbol: "
                        + prices.name() + " has no bars for " + ticker + " from " + start + " to " + lastSession);
            }
            if (!merge.revisions().isEmpty() && allowRevisions && start.isAfter(stored.get(0).date())) {
                // A split revises the whole history, not only the overlap: ask again for everything stored.
                merge = PriceMerge.merge(stored, prices.dailyBars(ticker, stored.get(0).date(), lastSession), lastSession);
            }
            for (PriceMerge.Revision revision : merge.revisions()) {
                String line = (allowRevisions ? "revised " : "revision not applied: ") + revision.describe(ticker);
                LOG.warn("{} ({})", line, prices.name());
                out.println("    " + line);
            }
            if (!merge.revisions().isEmpty() && !allowRevisions) {
                return new FileResult(relative, prices.name(), Status.REVISIONS_PENDING, 0, merge.revisions().size(), lastStored,
                        prices.name() + " reports different values for stored sessions (listed above); the file is left"
                                + " as it was: check them, then rerun with --allow-revisions");
            }
            if (merge.appended().isEmpty() && merge.revisions().isEmpty()) {
                return new FileResult(relative, prices.name(), Status.UP_TO_DATE, 0, 0, lastStored, "");
            }
            List<PriceBar> bars = merge.bars(true);
            AtomicCsv.replace(file, PriceMerge.csv(bars), CsvMarketData::readPriceFile);
            return new FileResult(relative, prices.name(), Status.UPDATED, merge.appended().size(), merge.revisions().size(),
                    Optional.of(bars.get(bars.size() - 1).date()), "");
        } catch (SyncFailure e) {
            if (e.kind() == SyncFailure.Kind.AUTH) {
                throw e;
            }
            return failed(relative, prices.name(), stored.isEmpty() ? Optional.empty()
                    : Optional.of(stored.get(stored.size() - 1).date()), e.getMessage());
        } catch (MarketDataException | UncheckedIOException e) {
            return failed(relative, prices.name(), stored.isEmpty() ? Optional.empty()
                    : Optional.of(stored.get(stored.size() - 1).date()), e.getMessage());
        }
    }

    private FileResult syncMacro(FredMacro fred, MacroFile macroFile, LocalDate firstDate, LocalDate lastSession) {
        Path file = directory.resolve(macroFile.relativePath);
        String series = macroFile.seriesId(config);
        String provider = fred.name() + " " + series + ", " + macroFile.publicationLag;
        Optional<LocalDate> last = Optional.empty();
        try {
            boolean exists = Files.exists(file);
            last = exists ? macroFile.lastDate(file) : Optional.empty();
            Optional<Path> record = macroFile.seriesRecord(file);
            if (exists && record.isPresent()) {
                // A file without its record was not created by a sync that records it: it holds the shipped series.
                boolean recorded = Files.exists(record.get());
                String stored = recorded ? Files.readString(record.get()).strip() : macroFile.seriesId;
                if (!stored.equals(series)) {
                    String relativeRecord = directory.relativize(record.get()).toString();
                    return failed(macroFile.relativePath, provider, last, macroFile.relativePath + " holds " + stored
                            + (recorded ? " (recorded in " + relativeRecord + ")" : " (no " + relativeRecord + ": the shipped series)")
                            + ", market.sync.fred.cpi_series asks for " + series + ": not appended (set cpi_series back, or move"
                            + " the file away to start a " + series + " file)");
                }
            }
            LocalDate start = last.map(d -> macroFile.monthly == null ? d.plusDays(1) : d.plusMonths(1)).orElse(firstDate);
            Optional<LocalDate> lastStored = last;
            List<FredMacro.Observation> fresh = fred.observations(series, start).stream()
                    .filter(o -> lastStored.map(o.date()::isAfter).orElse(true) && !o.date().isAfter(lastSession))
                    .toList();
            if (fresh.isEmpty()) {
                return new FileResult(macroFile.relativePath, provider, Status.UP_TO_DATE, 0, 0, last, "");
            }
            Optional<FredMacro.Observation> impossible = fresh.stream().filter(o -> macroFile.positive && o.value() <= 0).findFirst();
            if (impossible.isPresent()) {
                // The readers take any number; a VIX or CPI of 0 or below would reach the regime and the macro agent.
                return failed(macroFile.relativePath, provider, last, fred.name() + ": series " + series + ": "
                        + impossible.get().date() + ": " + PriceMerge.number(impossible.get().value())
                        + " is not a value of this series (always above 0): nothing appended");
            }
            String existing = exists ? Files.readString(file).replace("\uFEFF", "") : macroFile.dateColumn + "," + macroFile.valueColumn + "\n";
            String[] header = existing.lines().findFirst().orElseThrow().split(",");
            StringBuilder content = new StringBuilder(existing);
            if (!existing.endsWith("\n")) {
                content.append('\n');
            }
            Double previous = exists ? macroFile.lastValue(file).orElse(null) : null;
            for (FredMacro.Observation o : fresh) {
                List<String> cells = new ArrayList<>();
                for (String column : header) {
                    String name = column.strip();
                    if (name.equals(macroFile.dateColumn)) {
                        cells.add(o.date().toString());
                    } else if (name.equals(macroFile.valueColumn)) {
                        cells.add(PriceMerge.number(o.value()));
                    } else if (name.equals("Inflation") && previous != null) {
                        // The stored CPI file's month-over-month change in percent, two decimals.
                        cells.add(PriceMerge.number(Math.round((o.value() / previous - 1) * 10_000) / 100.0));
                    } else {
                        cells.add("");
                    }
                }
                previous = o.value();
                content.append(String.join(",", cells)).append('\n');
            }
            if (record.isPresent()) {
                // Before the CSV, so that a file never holds rows of a series its record does not name.
                AtomicCsv.replace(record.get(), series + "\n", written -> { });
            }
            AtomicCsv.replace(file, content.toString(), macroFile::lastDate);
            return new FileResult(macroFile.relativePath, provider, Status.UPDATED, fresh.size(), 0,
                    Optional.of(fresh.get(fresh.size() - 1).date()), "");
        } catch (SyncFailure | MarketDataException | UncheckedIOException e) {
            return failed(macroFile.relativePath, provider, last, e.getMessage());
        } catch (java.io.IOException e) {
            return failed(macroFile.relativePath, provider, last, file + ": cannot read: " + e.getMessage());
        }
    }

    private FileResult syncNews(AlpacaNews provider, String ticker, LocalDate firstDate) {
        String relative = "news/headlines/" + ticker + ".csv";
        Path file = directory.resolve(relative);
        Optional<LocalDate> last = Optional.empty();
        try {
            boolean exists = Files.exists(file);
            List<NewsItem> stored = exists ? CsvMarketData.readHeadlineFile(file, ticker, NO_CALENDAR) : List.of();
            Instant lastTime = stored.isEmpty() ? null : stored.get(stored.size() - 1).publishedAt();
            last = Optional.ofNullable(lastTime).map(t -> t.atZone(ZoneOffset.UTC).toLocalDate());
            // From the last stored second on (inclusive, so nothing published in that second is lost), minus what is stored.
            Instant start = lastTime != null ? lastTime : firstDate.atStartOfDay(ZoneOffset.UTC).toInstant();
            Set<String> storedAtLast = new java.util.HashSet<>();
            stored.stream().filter(item -> item.publishedAt().equals(lastTime)).forEach(item -> storedAtLast.add(item.text()));
            List<AlpacaNews.Article> fresh = provider.articles(ticker, start, clock.instant()).stream()
                    .filter(a -> lastTime == null || a.createdAt().isAfter(lastTime)
                            || a.createdAt().equals(lastTime) && !storedAtLast.contains(a.headline().strip()))
                    .filter(a -> !a.headline().isBlank())
                    .toList();
            if (fresh.isEmpty()) {
                return new FileResult(relative, provider.name(), Status.UP_TO_DATE, 0, 0, last, "");
            }
            StringBuilder content = new StringBuilder(exists ? Files.readString(file) : "time_utc,headline,summary,source,url\n");
            if (content.charAt(content.length() - 1) != '\n') {
                content.append('\n');
            }
            for (AlpacaNews.Article a : fresh) {
                content.append(a.createdAt()).append(',').append(quoted(a.headline())).append(',').append(quoted(a.summary()))
                        .append(',').append(quoted(a.source())).append(',').append(quoted(a.url())).append('\n');
            }
            AtomicCsv.replace(file, content.toString(), written -> CsvMarketData.readHeadlineFile(written, ticker, NO_CALENDAR));
            return new FileResult(relative, provider.name(), Status.UPDATED, fresh.size(), 0,
                    Optional.of(fresh.get(fresh.size() - 1).createdAt().atZone(ZoneOffset.UTC).toLocalDate()), "");
        } catch (SyncFailure e) {
            if (e.kind() == SyncFailure.Kind.AUTH) {
                throw e;
            }
            return failed(relative, provider.name(), last, e.getMessage());
        } catch (MarketDataException | UncheckedIOException e) {
            return failed(relative, provider.name(), last, e.getMessage());
        } catch (java.io.IOException e) {
            return failed(relative, provider.name(), last, file + ": cannot read: " + e.getMessage());
        }
    }

    /** An RFC 4180 field on one line: quoted, inner quotes doubled, line breaks folded to spaces. */
    private static String quoted(String text) {
        return '"' + text.replaceAll("\\s+", " ").strip().replace("\"", "\"\"") + '"';
    }

    private static FileResult failed(String file, String provider, Optional<LocalDate> last, String problem) {
        return new FileResult(file, provider, Status.FAILED, 0, 0, last, problem);
    }
}
