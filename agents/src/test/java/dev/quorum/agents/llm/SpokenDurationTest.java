package dev.quorum.agents.llm;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpokenDurationTest {

    @Test
    void should_write_durations_as_people_do() {
        assertEquals("10 minutes", SpokenDuration.of(Duration.ofMinutes(10)));
        assertEquals("1 hour 30 minutes", SpokenDuration.of(Duration.ofMinutes(90)));
        assertEquals("1 minute 5 seconds", SpokenDuration.of(Duration.ofSeconds(65)));
        assertEquals("2 days", SpokenDuration.of(Duration.ofHours(48)));
        assertEquals("45 s", SpokenDuration.of(Duration.ofSeconds(45)));
        assertEquals("250 ms", SpokenDuration.of(Duration.ofMillis(250)));
    }
}
