package dev.quorum.orchestrator.config;

/**
 * Where market data comes from.
 *
 * @param dataDir a directory in the layout of {@code ../shared/data} ({@code prices/}, {@code macro/},
 *                {@code news/}); relative paths are resolved against the working directory
 * @param sync    how {@code quorum data sync} keeps that directory current
 */
public record MarketConfig(String dataDir, MarketSyncConfig sync) {

    public MarketConfig {
        ConfigCheck.text("data_dir", dataDir);
        ConfigCheck.present("sync", sync);
    }
}
