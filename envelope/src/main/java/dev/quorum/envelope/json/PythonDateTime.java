package dev.quorum.envelope.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * UTC instants written as the Python side writes an aware {@code datetime}: microsecond precision, the
 * fraction omitted when it is zero. pydantic 2's JSON ends in {@code Z}; {@code datetime.isoformat()}
 * (used for the decision hash) ends in {@code +00:00}. Read back with pydantic's rules ({@link #parse}).
 */
public final class PythonDateTime {

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    /** The text forms pydantic 2 reads as a datetime: a date, optionally a time (seconds and fraction optional), optionally an offset. */
    private static final Pattern PYDANTIC_TEXT = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})"
            + "(?:[Tt _](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?([Zz]|([+-])(\\d{2}):?(\\d{2}))?)?");

    private PythonDateTime() {
    }

    /** {@code 2026-05-11T13:45:00.123456Z}, or {@code 2026-05-11T13:45:00Z} on a whole second. */
    public static String pydanticJson(Instant instant) {
        return seconds(instant) + fraction(instant) + "Z";
    }

    /** {@code 2026-05-11T13:45:00.123456+00:00}, as Python's {@code datetime.isoformat()}. */
    public static String isoformat(Instant instant) {
        return seconds(instant) + fraction(instant) + "+00:00";
    }

    /**
     * The instant in a datetime text as pydantic 2 reads it, so a Java consumer skips no envelope a Python one
     * accepts: {@code T}, {@code t}, a space or {@code _} between date and time, seconds optional, a fraction after
     * {@code .} or {@code ,} cut to microseconds, {@code Z}, {@code z} or {@code +HH:MM}/{@code +HHMM} up to 23:59. A
     * datetime without an offset is what pydantic writes for a naive Python datetime ({@code datetime.utcnow()}):
     * it is read as UTC, as is a bare date (its midnight). Unix timestamps, which pydantic also reads, are not.
     *
     * @throws DateTimeException when pydantic would refuse the text
     */
    public static Instant parse(String text) {
        Matcher m = PYDANTIC_TEXT.matcher(text);
        if (!m.matches()) {
            throw new DateTimeException("not a date-time pydantic reads: " + text);
        }
        LocalDate date = LocalDate.of(number(m, 1), number(m, 2), number(m, 3));
        if (date.getYear() < 1) {
            throw new DateTimeException("Python has no year 0: " + text);
        }
        if (m.group(4) == null) {
            return date.atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        String fraction = m.group(7) == null ? "" : m.group(7);
        int micros = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000").substring(0, 6));
        LocalTime time = LocalTime.of(number(m, 4), number(m, 5), m.group(6) == null ? 0 : number(m, 6), micros * 1000);
        Instant local = LocalDateTime.of(date, time).toInstant(ZoneOffset.UTC);
        if (m.group(9) == null) {
            return local;
        }
        int hours = number(m, 10);
        int minutes = number(m, 11);
        if (hours > 23 || minutes > 59) {
            throw new DateTimeException("UTC offset out of range: " + text);
        }
        int east = (hours * 60 + minutes) * 60;
        return local.minusSeconds(m.group(9).equals("+") ? east : -east);
    }

    private static int number(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static String seconds(Instant instant) {
        return SECONDS.format(instant);
    }

    private static String fraction(Instant instant) {
        int micros = instant.getNano() / 1000;
        return micros == 0 ? "" : String.format(".%06d", micros);
    }
}
