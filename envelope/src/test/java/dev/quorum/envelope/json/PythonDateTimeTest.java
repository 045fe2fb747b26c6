package dev.quorum.envelope.json;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PythonDateTimeTest {

    @Test
    void should_write_microseconds_only_when_not_zero() {
        assertEquals("2026-05-11T13:45:00.123456Z", PythonDateTime.pydanticJson(Instant.parse("2026-05-11T13:45:00.123456Z")));
        assertEquals("2026-05-11T13:45:00.120000Z", PythonDateTime.pydanticJson(Instant.parse("2026-05-11T13:45:00.12Z")));
        assertEquals("2026-05-11T13:45:00Z", PythonDateTime.pydanticJson(Instant.parse("2026-05-11T13:45:00Z")));
    }

    @Test
    void should_write_isoformat_with_a_numeric_utc_offset() {
        assertEquals("2026-05-11T13:45:00.000001+00:00", PythonDateTime.isoformat(Instant.parse("2026-05-11T13:45:00.000001Z")));
        assertEquals("2026-05-11T13:45:00+00:00", PythonDateTime.isoformat(Instant.parse("2026-05-11T13:45:00Z")));
    }
}
