package dev.quorum.envelope.json;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * 352 texts (separators, fractions, offsets, impossible dates and times) with what pydantic 2 reads from each
     * (src/test/python/datetime_fixture.py): a Java consumer must accept exactly the envelopes a Python one accepts,
     * with the same instant. A naive datetime, which pydantic writes for {@code datetime.utcnow()}, was skipped.
     */
    @Test
    void should_read_every_datetime_text_as_pydantic_does() {
        List<Runnable> checks = new ArrayList<>();
        for (String line : GoldenFixtures.read("python-datetimes.txt").split("\n")) {
            String[] columns = line.split("\t", -1);
            String text = columns[0];
            if (columns[1].equals("REJECT")) {
                checks.add(() -> assertThrows(DateTimeException.class, () -> PythonDateTime.parse(text), text));
            } else {
                Instant expected = OffsetDateTime.parse(columns[1]).toInstant();
                checks.add(() -> assertEquals(expected, PythonDateTime.parse(text), text));
            }
        }
        assertTrue(checks.size() > 300, "fixture should hold the generated texts, got " + checks.size());
        assertAll(checks.stream().map(check -> check::run));
    }

    @Test
    void should_read_back_what_it_writes() {
        Instant at = Instant.parse("2026-05-11T13:45:00.000001Z");
        assertEquals(at, PythonDateTime.parse(PythonDateTime.pydanticJson(at)));
        assertEquals(at, PythonDateTime.parse(PythonDateTime.isoformat(at)));
    }
}
