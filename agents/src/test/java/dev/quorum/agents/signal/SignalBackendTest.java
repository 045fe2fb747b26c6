package dev.quorum.agents.signal;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SignalBackendTest {

    /** The stored {@code agent_signals.backend} rows and {@code meta.models} were written with these words. */
    @Test
    void should_keep_the_words_that_stored_rows_and_consumers_already_read() {
        Map<SignalBackend, String> wire = Arrays.stream(SignalBackend.values())
                .collect(Collectors.toMap(Function.identity(), SignalBackend::wire));
        assertEquals(Map.of(
                SignalBackend.OLLAMA, "ollama",
                SignalBackend.RULES, "rules",
                SignalBackend.RULES_FALLBACK, "rules-fallback",
                SignalBackend.REDIS, "redis",
                SignalBackend.REPLAY, "replay",
                SignalBackend.ORCHESTRATOR, "orchestrator"), wire);
        assertEquals("rules-fallback", "" + SignalBackend.RULES_FALLBACK);
    }
}
