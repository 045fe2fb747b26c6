package dev.quorum.orchestrator.datasync;

import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.agents.market.MarketData;
import dev.quorum.agents.market.MarketDataException;
import dev.quorum.agents.market.MarketSnapshot;
import dev.quorum.agents.market.PriceBar;
import dev.quorum.agents.market.TradingCalendar;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The market-data directory of a long-running process: a {@link CsvMarketData} (which reads each file once and caches
 * it) that {@link #reload} swaps for a fresh one after this process's sync wrote new files, and
 * {@link #refreshIfChanged} after anything else did (a {@code data sync} run by cron, a copy from another machine): a
 * service reads its files at start, and without a re-read it would decide, schedule and report freshness on them for
 * as long as it runs. A cycle that already holds a snapshot keeps reading the one it started with; the next call sees
 * the new data.
 */
public final class LiveMarketData implements MarketData {

    private static final Logger log = LoggerFactory.getLogger(LiveMarketData.class);

    private final Path directory;
    private final long maxFileBytes;
    private volatile CsvMarketData current;
    /** The directory's files as they were when {@link #current} was opened; empty when they could not be listed. */
    private Optional<DirectoryState> read = Optional.empty();
    /** The last refresh's failure, so that a file broken for hours is logged once, not at every look. */
    private String lastFailure;

    private LiveMarketData(Path directory, long maxFileBytes) {
        this.directory = directory;
        this.maxFileBytes = maxFileBytes;
        reload();
    }

    /** @throws dev.quorum.agents.market.MarketDataException as {@link CsvMarketData#open(Path)} */
    public static LiveMarketData open(Path directory) {
        return open(directory, CsvMarketData.DEFAULT_MAX_FILE_BYTES);
    }

    /** @param maxFileBytes the largest file read ({@code market.max_file_mb}) */
    public static LiveMarketData open(Path directory, long maxFileBytes) {
        return new LiveMarketData(directory, maxFileBytes);
    }

    private CsvMarketData open() {
        return CsvMarketData.open(directory, CsvMarketData.DEFAULT_CALENDAR_TICKER, maxFileBytes);
    }

    /**
     * Reads the directory again.
     *
     * @throws dev.quorum.agents.market.MarketDataException when it cannot be opened; the previous data stays in use
     */
    public synchronized void reload() {
        // Looked at before the files are read: a file written meanwhile makes the next look differ, and read again.
        Optional<DirectoryState> state = DirectoryState.of(directory);
        current = open();
        read = state;
    }

    /**
     * Reads the directory again when a file in it was added, removed or rewritten since it was read (compared by name,
     * size, modification time and file identity: a sync replaces a file by renaming a new one over it). Costs a listing
     * of the directory's files when nothing changed. A changed directory that cannot be opened (a calendar file being
     * written in place) is logged, once per problem, and the data read before stays in use; the next call tries again.
     *
     * @return whether it read the directory again
     */
    public synchronized boolean refreshIfChanged() {
        Optional<DirectoryState> now = DirectoryState.of(directory);
        if (now.isPresent() && now.equals(read)) {
            return false;
        }
        try {
            reload();
        } catch (MarketDataException e) {
            if (!e.getMessage().equals(lastFailure)) {
                log.warn("the market data in {} changed but cannot be read ({}); the files read before stay in use",
                        directory, e.getMessage());
            }
            lastFailure = e.getMessage();
            return false;
        }
        lastFailure = null;
        log.info("the market data in {} changed on disk: read again", directory);
        return true;
    }

    public Path directory() {
        return current.directory();
    }

    /** Every regular file under the directory, by path, with what a rewrite changes. */
    private record DirectoryState(Map<Path, FileStamp> files) {

        /** What a rewrite of a file changes; {@code identity} is the file key (inode), null where there is none. */
        private record FileStamp(long size, FileTime modified, Object identity) {
        }

        /** Empty when the directory cannot be listed (gone, unreadable): opening it then says why. */
        static Optional<DirectoryState> of(Path directory) {
            Map<Path, FileStamp> files = new HashMap<>();
            try {
                // Links followed: a prices/ linked to a shared folder is where a sync writes.
                Files.walkFileTree(directory, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        if (attributes.isRegularFile()) {
                            files.put(file, new FileStamp(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey()));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        // A file a sync renamed away while it was listed (the next look sees what replaced it), a loop
                        // of links.
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                return Optional.empty();
            }
            return Optional.of(new DirectoryState(files));
        }
    }

    @Override
    public Set<String> tickers() {
        return current.tickers();
    }

    @Override
    public TradingCalendar calendar() {
        return current.calendar();
    }

    @Override
    public List<PriceBar> dailyBars(String ticker) {
        return current.dailyBars(ticker);
    }

    @Override
    public MarketSnapshot asOf(LocalDate tradeDate) {
        return current.asOf(tradeDate);
    }
}
