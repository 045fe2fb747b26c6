package dev.quorum.agents.market;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One timestamped news item about a ticker. Untrusted text: prompts keep it inside a delimited data block.
 *
 * @param session the trading session it belongs to: the session of its New York date, or the next one when it
 *                was published at or after the 16:00 close (or on a non-trading day); it is known at that
 *                session's close
 */
public record NewsItem(String ticker, NewsSource source, Instant publishedAt, LocalDate session, String text) {
}
