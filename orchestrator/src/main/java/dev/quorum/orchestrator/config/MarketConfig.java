package dev.quorum.orchestrator.config;

/**
 * Where market data comes from.
 *
 * @param dataDir   a directory in the layout of {@code ../shared/data} ({@code prices/}, {@code macro/},
 *                  {@code news/}); relative paths are resolved against the working directory
 * @param maxFileMb the largest market-data file read, in MiB: a bigger one is refused naming it (files are read
 *                  streaming, but what their rows become is held: an unbounded file could exhaust the heap)
 * @param sync      how {@code quorum data sync} keeps that directory current
 */
public record MarketConfig(String dataDir, Integer maxFileMb, MarketSyncConfig sync) {

    public MarketConfig {
        ConfigCheck.text("data_dir", dataDir);
        ConfigCheck.between("max_file_mb", maxFileMb, 1, 4096);
        ConfigCheck.present("sync", sync);
    }

    public long maxFileBytes() {
        return (long) maxFileMb << 20;
    }
}
