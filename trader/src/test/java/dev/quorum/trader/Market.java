package dev.quorum.trader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
        Path prices = Files.createDirectories(dir.resolve("prices"));
        Files.writeString(prices.resolve("ACME.csv"), """
                date,open,high,low,close,adj_close,volume,dividend
                2024-01-02,99,100,99,100,100,1000,0
                2024-01-03,101,102,101,102,102,1000,0
                2024-01-04,103,104,103,104,104,1000,0
                2024-01-05,105,106,105,106,106,1000,0
                2024-01-08,107,108,107,108,108,1000,0
                2024-01-09,109,110,109,110,110,1000,0
                2024-01-10,111,112,111,112,112,1000,0
                """);
        Files.writeString(prices.resolve("DROP.csv"), """
                date,open,high,low,close,adj_close,volume,dividend
                2024-01-02,100,100,100,100,100,1000,0
                2024-01-03,100,100,95,95,95,1000,0
                2024-01-04,94,94,90,90,90,1000,0
                2024-01-05,91,92,91,92,92,1000,0
                2024-01-08,93,94,93,94,94,1000,0
                """);
        return dir;
    }
}
