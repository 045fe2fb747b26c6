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
    private static final int MIN_HEADLINE_CHARS = 20;
    private static final int MIN_MEMORY_CHARS = 100;

    /**
     * These limits narrowed to a news block of about {@code newsChars} and a memory block of about {@code memoryChars}
     * characters (never wider than these limits; a headline is cut to fit when the whole block is smaller than one).
     */
    public DataBlockLimits within(int newsChars, int memoryChars) {
        int news = Math.max(MIN_HEADLINE_CHARS, Math.min(maxNewsChars, newsChars));
        return new DataBlockLimits(Math.min(maxHeadlineChars, news), maxHeadlines, news,
                Math.max(MIN_MEMORY_CHARS, Math.min(maxMemoryChars, memoryChars)));
    }

    public DataBlockLimits {
        if (maxHeadlineChars < MIN_HEADLINE_CHARS || maxHeadlines < 1 || maxNewsChars < maxHeadlineChars
                || maxMemoryChars < MIN_MEMORY_CHARS) {
            throw new IllegalArgumentException("data block limits too small: " + maxHeadlineChars + "/" + maxHeadlines
                    + "/" + maxNewsChars + "/" + maxMemoryChars);
        }
    }
}
