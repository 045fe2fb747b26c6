package dev.quorum.trader.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions of {@code prices/<TICKER>.csv} in Quorum's market-data layout ({@code date,open,high,low,close,...}).
 * The trader's clock: a holding period counts these sessions, a simulated order fills at the open of the first
 * session after the one it was placed on, so a directory refreshed daily moves the book forward day by day.
 * A file is re-read when its modification time changes; one that cannot be used is a {@link MarketDataException}
 * naming the file and the line. Thread-safe.
 */
public final class MarketData {

    private record Loaded(FileTime modified, List<Session> sessions) {
    }

    private final Path directory;
    private final Map<String, Loaded> cache = new ConcurrentHashMap<>();

    public MarketData(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** The sessions of {@code ticker}, oldest first; empty when it has no price file. */
    public List<Session> sessions(String ticker) {
        Path file = directory.resolve("prices").resolve(ticker + ".csv");
        if (!ticker.matches("[A-Za-z0-9.\\-]{1,16}") || !Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            Loaded loaded = cache.get(ticker);
            if (loaded == null || !loaded.modified().equals(modified)) {
                loaded = new Loaded(modified, read(file));
                cache.put(ticker, loaded);
            }
            return loaded.sessions();
        } catch (PriceRowException e) {
            throw new MarketDataException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MarketDataException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The last session on or before {@code date}: the price a decision of that date is sized with. */
    public Optional<Session> onOrBefore(String ticker, LocalDate date) {
        Session found = null;
        for (Session s : sessions(ticker)) {
            if (s.date().isAfter(date)) {
                break;
            }
            found = s;
        }
        return Optional.ofNullable(found);
    }

    /** The first session after {@code date}: where an order placed on {@code date} fills. */
    public Optional<Session> after(String ticker, LocalDate date) {
        return sessions(ticker).stream().filter(s -> s.date().isAfter(date)).findFirst();
    }

    /** The sessions from {@code from} (inclusive) on. */
    public List<Session> from(String ticker, LocalDate from) {
        return sessions(ticker).stream().filter(s -> !s.date().isBefore(from)).toList();
    }

    /** A file that was read but holds something other than price rows; its message is the whole story. */
    private static final class PriceRowException extends IOException {
        PriceRowException(String message) {
            super(message);
        }
    }

    private static List<Session> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> header = List.of(lines.get(0).trim().toLowerCase(java.util.Locale.ROOT).split(","));
        int date = header.indexOf("date");
        int open = header.indexOf("open");
        int close = header.indexOf("close");
        if (date < 0 || open < 0 || close < 0) {
            throw new PriceRowException(file + ": the header must name date, open and close columns, was " + lines.get(0));
        }
        List<Session> sessions = new ArrayList<>(lines.size());
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",");
            try {
                sessions.add(new Session(LocalDate.parse(cells[date]), Double.parseDouble(cells[open]), Double.parseDouble(cells[close])));
            } catch (DateTimeParseException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new PriceRowException(file + " line " + (i + 1) + ": not a price row: " + line);
            }
        }
        sessions.sort(java.util.Comparator.comparing(Session::date));
        return List.copyOf(sessions);
    }
}
