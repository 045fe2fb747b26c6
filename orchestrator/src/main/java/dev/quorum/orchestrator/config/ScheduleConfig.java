package dev.quorum.orchestrator.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

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
    }

    public LocalTime time() {
        return LocalTime.parse(at);
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }
}
