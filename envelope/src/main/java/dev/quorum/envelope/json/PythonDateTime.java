package dev.quorum.envelope.json;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * UTC instants written as the Python side writes an aware {@code datetime}: microsecond precision, the
 * fraction omitted when it is zero. pydantic 2's JSON ends in {@code Z}; {@code datetime.isoformat()}
 * (used for the decision hash) ends in {@code +00:00}.
 */
public final class PythonDateTime {

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

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

    private static String seconds(Instant instant) {
        return SECONDS.format(instant);
    }

    private static String fraction(Instant instant) {
        int micros = instant.getNano() / 1000;
        return micros == 0 ? "" : String.format(".%06d", micros);
    }
}
