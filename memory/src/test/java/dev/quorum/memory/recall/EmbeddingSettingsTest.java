package dev.quorum.memory.recall;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.quorum.agents.llm.FailureKind;
import dev.quorum.agents.llm.http.BlockingHttpClient;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Ollama embedding model as production builds it, against the Ollama protocol test server. */
class EmbeddingSettingsTest {

    static final String MODEL = "nomic-embed-text";

    final OllamaTestServer ollama = OllamaTestServer.start();

    @AfterEach
    void stop() {
        ollama.close();
    }

    EmbeddingModel model(Duration timeout) {
        return EmbeddingSettings.ollama(ollama.baseUrl(), MODEL, timeout).createModel();
    }

    @Test
    void should_embed_a_situation_through_ollamas_embed_api() {
        ollama.model(MODEL).thenAlways(OllamaReply.content("unused"));

        float[] vector = model(Duration.ofSeconds(10)).embed("AAPL, bullish momentum").content().vector();

        assertEquals(OllamaTestServer.EMBEDDING_DIMENSIONS, vector.length);
        assertEquals(1, ollama.embedCount());
    }

    @Test
    void should_stop_reading_and_hang_up_when_an_embedding_reply_outgrows_the_cap() {
        // Before the embedding model was built on BlockingHttpClient, langchain4j's default client read the flood
        // into one String within the timeout, until the heap was gone.
        ollama.model(MODEL).thenAlways(OllamaReply.flooding());
        EmbeddingModel model = model(Duration.ofSeconds(60));

        RuntimeException thrown = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(RuntimeException.class, () -> model.embed("AAPL, bullish momentum")));

        assertEquals(FailureKind.REPLY_TOO_LARGE, FailureKind.of(thrown), thrown.toString());
        long sent = ollama.endlessBytesSent();
        assertTrue(sent < 8 * BlockingHttpClient.MAX_REPLY_BYTES, () -> sent + " bytes sent");
        assertEquals(1, ollama.embedCount(), "not sent again");
    }

    @Test
    void should_end_an_embedding_reply_that_drips_forever_at_the_timeout() {
        // Each space comes well within the timeout: only a bound on the whole answer ends it. langchain4j's default
        // client bounded the wait for the headers only, and the indexing thread waited for the body for ever.
        ollama.model(MODEL).thenAlways(OllamaReply.dripping(Duration.ofMillis(50)));
        EmbeddingModel model = model(Duration.ofMillis(800));

        long start = System.nanoTime();
        RuntimeException thrown = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(RuntimeException.class, () -> model.embed("AAPL, bullish momentum")));
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(FailureKind.TIMEOUT, FailureKind.of(thrown), thrown.toString());
        assertTrue(waited.compareTo(Duration.ofSeconds(5)) < 0, () -> "gave up after " + waited);
    }
}
