package dev.quorum.agents.prompts;

/**
 * Caps on untrusted text in a prompt, so a flood of news cannot crowd the features out of the context window
 * (or smuggle a long instruction in).
 *
 * @param maxHeadlineChars one headline or tweet, after cleaning; longer ones are cut with "…"
 * @param maxHeadlines     items kept (the most recent ones)
 * @param maxNewsChars     the whole news block; the oldest items are dropped first
 * @param maxMemoryChars   the similar-situations block
 */
public record DataBlockLimits(int maxHeadlineChars, int maxHeadlines, int maxNewsChars, int maxMemoryChars) {

    public static final DataBlockLimits DEFAULT = new DataBlockLimits(280, 25, 4_000, 3_000);

    public DataBlockLimits {
        if (maxHeadlineChars < 20 || maxHeadlines < 1 || maxNewsChars < maxHeadlineChars || maxMemoryChars < 100) {
            throw new IllegalArgumentException("data block limits too small: " + maxHeadlineChars + "/" + maxHeadlines
                    + "/" + maxNewsChars + "/" + maxMemoryChars);
        }
    }
}
