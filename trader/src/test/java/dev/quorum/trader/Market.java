package dev.quorum.trader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;

/** Price files in Quorum's market-data layout, written by a test. */
public final class Market {

    private Market() {
    }

    /**
     * ACME, rising by 2 a session: 2024-01-02 closes at 100; then each session opens 1 above the previous close and
     * closes 1 above its open: 01-03 101/102, 01-04 103/104, 01-05 105/106, 01-08 107/108, 01-09 109/110, 01-10 111/112.
     * DROP, falling: 01-02 close 100; 01-03 100/95; 01-04 94/90; 01-05 91/92; 01-08 93/94.
     */
    public static Path write(Path dir) throws IOException {
        return write(dir, LocalDate.MAX);
    }

    /**
     * As {@link #write(Path)}, the sessions after {@code through} left out: the data as it stood that day (a broker that
     * lives in the present trades only a decision whose next session is still to come). Written again with a later
     * date, the file gets a later modification time, so a {@code MarketData} reads it again.
     */
    public static Path write(Path dir, LocalDate through) throws IOException {
        Path prices = Files.createDirectories(dir.resolve("prices"));
        write(prices.resolve("ACME.csv"), through, """
                date,open,high,low,close,adj_close,volume,dividend
                2024-01-02,99,100,99,100,100,1000,0
                2024-01-03,101,102,101,102,102,1000,0
                2024-01-04,103,104,103,104,104,1000,0
                2024-01-05,105,106,105,106,106,1000,0
                2024-01-08,107,108,107,108,108,1000,0
                2024-01-09,109,110,109,110,110,1000,0
                2024-01-10,111,112,111,112,112,1000,0
                """);
        write(prices.resolve("DROP.csv"), through, """
                date,open,high,low,close,adj_close,volume,dividend
                2024-01-02,100,100,100,100,100,1000,0
                2024-01-03,100,100,95,95,95,1000,0
                2024-01-04,94,94,90,90,90,1000,0
                2024-01-05,91,92,91,92,92,1000,0
                2024-01-08,93,94,93,94,94,1000,0
                """);
        return dir;
    }

    private static void write(Path file, LocalDate through, String csv) throws IOException {
        FileTime before = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
        Files.writeString(file, csv.lines().filter(line -> line.startsWith("date") || !LocalDate.parse(line.substring(0, 10)).isAfter(through))
                .map(line -> line + "\n").collect(java.util.stream.Collectors.joining()));
        if (before != null && !Files.getLastModifiedTime(file).toInstant().isAfter(before.toInstant())) {
            Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusMillis(1)));
        }
    }
}
