package dev.quorum.orchestrator.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quorum.agents.market.TradingCalendar;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * When {@code serve} runs a decision cycle: once a day at {@code at} in {@code zone} (after the close), or every
 * {@code every_seconds} seconds.
 *
 * @param at           {@code HH:mm}, used when kind is {@code daily}
 * @param zone         an IANA time zone id, used when kind is {@code daily}
 * @param everySeconds used when kind is {@code interval}
 */
public record ScheduleConfig(Kind kind, String at, String zone, Integer everySeconds) {

    /** How cycles are scheduled. */
    public enum Kind {
        @JsonProperty("daily") DAILY,
        @JsonProperty("interval") INTERVAL
    }

    public ScheduleConfig {
        ConfigCheck.present("kind", kind);
        try {
            LocalTime.parse(ConfigCheck.text("at", at));
        } catch (DateTimeParseException e) {
            throw ConfigCheck.invalid("at", "must be a time of day HH:mm, was '" + at + "'");
        }
        try {
            ZoneId.of(ConfigCheck.text("zone", zone));
        } catch (DateTimeException e) {
            throw ConfigCheck.invalid("zone", "is not a known time zone id (e.g. America/New_York): '" + zone + "'");
        }
        ConfigCheck.between("every_seconds", everySeconds, 1, 7 * 24 * 3600);
        if (kind == Kind.DAILY) {
            afterTheClose(LocalTime.parse(at), ZoneId.of(zone));
        }
    }

    /**
     * Refuses a daily time that is not after the close on the same New York day, in winter and in summer (either zone
     * may change its clocks): the cycle of day D decides D's session, and the service's start looks for a missed cycle
     * on that rule. Run before the close, a cycle decided the session before (a day late) and a missed one was never
     * decided; run from a zone whose morning is New York's evening before, it fired by the wrong day's calendar.
     */
    private static void afterTheClose(LocalTime at, ZoneId zone) {
        for (LocalDate day : List.of(LocalDate.of(2025, 1, 15), LocalDate.of(2025, 7, 15))) {
            ZonedDateTime there = day.atTime(at).atZone(zone).withZoneSameInstant(TradingCalendar.EXCHANGE_ZONE);
            if (!there.toLocalDate().equals(day) || there.toLocalTime().isBefore(TradingCalendar.CLOSE)) {
                throw ConfigCheck.invalid("at", "'" + at + "' in " + zone + " is " + there.toLocalTime()
                        + (there.toLocalDate().equals(day) ? "" : there.toLocalDate().isBefore(day) ? " the day before" : " the day after")
                        + " in New York (" + (day.getMonthValue() == 1 ? "January" : "July") + "): a daily cycle must run"
                        + " after the New York close (16:00) on the same day, since it decides that day's session;"
                        + " e.g. at: \"17:15\", zone: America/New_York");
            }
        }
    }

    public LocalTime time() {
        return LocalTime.parse(at);
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }
}
