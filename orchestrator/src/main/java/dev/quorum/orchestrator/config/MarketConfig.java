package dev.quorum.orchestrator.config;

/**
 * Where market data comes from.
 *
 * @param dataDir a directory in the layout of {@code ../shared/data} ({@code prices/}, {@code macro/},
 *                {@code news/}); relative paths are resolved against the working directory
 */
public record MarketConfig(String dataDir) {

    public MarketConfig {
        ConfigCheck.text("data_dir", dataDir);
    }
}
