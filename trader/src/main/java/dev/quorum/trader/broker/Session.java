package dev.quorum.trader.broker;

import java.time.LocalDate;

/** One trading session of one ticker: its date, open and close. */
public record Session(LocalDate date, double open, double close) {
}
