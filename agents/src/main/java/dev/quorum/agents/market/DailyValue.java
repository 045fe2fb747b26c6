package dev.quorum.agents.market;

import java.time.LocalDate;

/** One value per session, known at that session's close (e.g. the VIX close). */
public record DailyValue(LocalDate date, double value) {
}
