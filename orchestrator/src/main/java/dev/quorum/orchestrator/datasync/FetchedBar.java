package dev.quorum.orchestrator.datasync;

import java.time.LocalDate;

/** One daily bar as a provider serves it: no adjusted close and no dividend (neither Stooq nor Alpaca has them). */
public record FetchedBar(LocalDate date, double open, double high, double low, double close, long volume) {
}
