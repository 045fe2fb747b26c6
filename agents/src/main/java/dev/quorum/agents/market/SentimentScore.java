package dev.quorum.agents.market;

import java.time.LocalDate;

/**
 * A daily news-sentiment score (FNSPID, 1 = very negative .. 5 = very positive).
 *
 * @param day       the day whose news it scores
 * @param knownFrom the first session after {@code day}: the score aggregates that whole day's news, including
 *                  news published after the close, so it is not known at {@code day}'s own close
 */
public record SentimentScore(LocalDate day, double score, LocalDate knownFrom) {
}
