package dev.quorum.orchestrator.backtest.replay;

/**
 * What a cache saw since it was opened.
 *
 * @param tokensSpent prompt + completion tokens of the calls that really went to a model (misses)
 * @param tokensSaved prompt + completion tokens the hits would have cost
 */
public record CacheStats(long hits, long misses, long tokensSpent, long tokensSaved) {

    /** hits / (hits + misses), or null before the first lookup. */
    public Double hitRate() {
        long lookups = hits + misses;
        return lookups == 0 ? null : (double) hits / lookups;
    }
}
