package dev.quorum.memory.recall;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.chroma.ChromaApiVersion;
import dev.langchain4j.store.embedding.chroma.ChromaEmbeddingStore;
import dev.quorum.agents.llm.http.BlockingHttpClient;
import dev.quorum.envelope.Verdict;
import dev.quorum.testkit.ChromaServer;
import dev.quorum.testkit.EndlessReplyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.quorum.memory.recall.Situations.crash;
import static dev.quorum.memory.recall.Situations.embeddingModel;
import static dev.quorum.memory.recall.Situations.rally;
import static dev.quorum.memory.recall.Situations.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real Chroma server (the pinned npm package), including the server dying and coming back. */
class ChromaSituationMemoryTest extends SituationMemoryContract {

    private static ChromaServer chroma;

    @TempDir
    Path dir;
    private String collection;

    @BeforeAll
    static void startChroma() {
        chroma = new ChromaServer();
        chroma.start();
    }

    @AfterAll
    static void stopChroma() {
        chroma.close();
    }

    @BeforeEach
    void freshCollection() {
        // Each test gets its own collection, so tests do not see each other's situations in any order.
        collection = newCollection();
    }

    private static String newCollection() {
        return "situations_" + UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    SituationMemory emptyMemory(EmbeddingModel embeddingModel) {
        // A new collection each call: "empty" even when one test asks for several.
        return new ChromaSituationMemory(chroma.baseUrl(), newCollection(), Duration.ofSeconds(10), embeddingModel);
    }

    private ResilientSituationMemory resilient(String url, Duration deadline) {
        RecallConfig config = RecallConfig.builder().store(RecallConfig.StoreKind.CHROMA).chromaUrl(url)
                .collection(collection).deadline(deadline).retryEvery(Duration.ZERO)
                .pendingFile(dir.resolve("pending.jsonl")).build();
        return SituationMemories.open(config, embeddingModel());
    }

    @Test
    void should_recall_nothing_while_chroma_is_down_and_index_the_queued_situations_once_it_is_back() {
        ResilientSituationMemory memory = resilient(chroma.baseUrl(), Duration.ofSeconds(5));
        memory.index(resolved("before-crash", rally("NVDA", LocalDate.of(2023, 3, 1)), Verdict.BUY, 0.04));
        assertEquals(1, memory.recall(rally("NVDA", D), 5, RecallScope.SAME_TICKER).size());

        chroma.kill();
        try {
            List<RecalledSituation> duringOutage = memory.recall(rally("NVDA", D), 5, RecallScope.SAME_TICKER);
            memory.index(resolved("during-outage", crash("NVDA", LocalDate.of(2023, 4, 3)), Verdict.SELL, -0.03));

            assertEquals(List.of(), duringOutage);
            RecallStatus status = memory.status();
            assertEquals(1, status.degradedRecalls());
            assertEquals(1, status.indexFailures());
            assertEquals(1, status.pendingIndexing());
            assertEquals(0, memory.retryPending(), "nothing can be indexed while Chroma is down");
        } finally {
            chroma.restart();
        }

        assertEquals(1, memory.retryPending());
        List<String> recalled = memory.recall(crash("NVDA", D), 5, RecallScope.SAME_TICKER).stream()
                .map(RecalledSituation::situationId).toList();
        assertEquals(List.of("during-outage", "before-crash"), recalled);
        assertEquals(0, memory.status().pendingIndexing());
        assertEquals(2, memory.status().indexed());
        memory.close();
    }

    @Test
    void should_keep_queued_indexing_across_a_restart_of_quorum() {
        String nowhere = "http://127.0.0.1:" + ChromaServer.freePort();
        try (ResilientSituationMemory down = resilient(nowhere, Duration.ofSeconds(5))) {
            down.index(resolved("queued", rally("AAPL", LocalDate.of(2023, 5, 2)), Verdict.BUY, 0.02));
            assertEquals(1, down.status().pendingIndexing());
        }

        try (ResilientSituationMemory up = resilient(chroma.baseUrl(), Duration.ofSeconds(5))) {
            assertEquals(1, up.status().pendingIndexing());
            assertEquals(1, up.retryPending());
            assertEquals("queued", up.recall(rally("AAPL", D), 1, RecallScope.SAME_TICKER).get(0).situationId());
        }
    }

    @Test
    void should_give_up_on_a_store_that_does_not_answer_within_the_deadline() throws IOException {
        // A socket that accepts connections and never answers: a hung Chroma.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ResilientSituationMemory memory = resilient("http://127.0.0.1:" + silent.getLocalPort(), Duration.ofMillis(500));

            // The Chroma client's own HTTP timeout is the same 500 ms here; the bound is the memory's deadline,
            // the preemptive guard only stops the test from hanging if that bound were broken.
            List<RecalledSituation> recalled = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> memory.recall(rally("NVDA", D), 5, RecallScope.ANY_TICKER));

            assertEquals(List.of(), recalled);
            assertEquals(1, memory.status().degradedRecalls());
            assertTrue(memory.status().lastProblem() != null, memory.status().toString());
            memory.close();
        }
    }

    @Test
    void should_recall_nothing_within_the_deadline_from_a_chroma_that_drips_its_answers() {
        try (EndlessReplyServer dripping = EndlessReplyServer.dripping(Duration.ofMillis(50))) {
            assertRecallsNothingWithinTheDeadline(dripping);
        }
    }

    @Test
    void should_recall_nothing_and_hang_up_on_a_chroma_that_floods_its_answers() {
        try (EndlessReplyServer flooding = EndlessReplyServer.flooding()) {
            assertRecallsNothingWithinTheDeadline(flooding);
            // langchain4j-chroma asks through Quorum's client (BlockingHttpClientFactory), which hangs up at the cap;
            // with langchain4j's JDK client it read the body whole and a 256 MiB test JVM ran out of heap.
            long cap = BlockingHttpClient.MAX_REPLY_BYTES;
            assertTrue(flooding.bytesSent() < 8 * cap * flooding.requests(),
                    flooding.bytesSent() + " bytes sent for " + flooding.requests() + " request(s)");
        }
    }

    /**
     * The documented bound (empty within the 2 s deadline) holds for a Chroma that sends its headers and then a body
     * without end: the deadline is the memory's, whatever the Chroma client does on its own thread meanwhile.
     */
    private void assertRecallsNothingWithinTheDeadline(EndlessReplyServer chroma) {
        Duration deadline = Duration.ofSeconds(2);
        try (ResilientSituationMemory memory = resilient(chroma.baseUrl(), deadline)) {
            long start = System.nanoTime();
            List<RecalledSituation> recalled = assertTimeoutPreemptively(Duration.ofSeconds(15),
                    () -> memory.recall(rally("NVDA", D), 5, RecallScope.ANY_TICKER));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertEquals(List.of(), recalled);
            assertTrue(millis < deadline.toMillis() + 1000, "recall took " + millis + " ms");
            assertTrue(chroma.requests() > 0, "the recall asked the misbehaving server");
            assertEquals(1, memory.status().degradedRecalls());
        }
    }

    @Test
    void should_name_the_collection_and_what_to_do_when_it_holds_another_models_embeddings() {
        ChromaEmbeddingStore.builder().apiVersion(ChromaApiVersion.V2).baseUrl(chroma.baseUrl())
                .tenantName("default_tenant").databaseName("default_database").collectionName(collection).build()
                .add(Embedding.from(new float[]{0.6f, 0.8f, 0f}), TextSegment.from("another model's three dimensions"));
        try (ResilientSituationMemory memory = resilient(chroma.baseUrl(), Duration.ofSeconds(10))) {
            memory.index(resolved("queued", rally("NVDA", LocalDate.of(2023, 3, 1)), Verdict.BUY, 0.04));

            assertEquals(1, memory.status().pendingIndexing());
            assertEquals("IllegalStateException: Chroma collection " + collection + " holds 3-dimension embeddings, the "
                    + "embedding model makes 384: another model filled it; delete it (HTTP DELETE " + collectionUrl()
                    + ") and it is created again; situations to index queue until then", memory.status().lastProblem());
        }
    }

    @Test
    void should_name_the_collection_deleted_in_use_then_create_it_again_and_index_what_waited() throws Exception {
        try (ResilientSituationMemory memory = resilient(chroma.baseUrl(), Duration.ofSeconds(10))) {
            memory.index(resolved("before", rally("NVDA", LocalDate.of(2023, 3, 1)), Verdict.BUY, 0.04));
            HttpResponse<String> deleted = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(collectionUrl())).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, deleted.statusCode(), deleted.body());

            memory.index(resolved("after", crash("NVDA", LocalDate.of(2023, 4, 3)), Verdict.SELL, -0.03));

            assertEquals("IllegalStateException: Chroma collection " + collection + " was deleted while in use (or Chroma "
                    + "restarted on an empty data directory): the next call creates it empty; restore Chroma's data "
                    + "directory to keep what it had learned", memory.status().lastProblem());
            assertEquals(1, memory.retryPending());
            assertEquals(List.of("after"), memory.recall(crash("NVDA", D), 5, RecallScope.SAME_TICKER).stream()
                    .map(RecalledSituation::situationId).toList());
        }
    }

    private String collectionUrl() {
        return chroma.baseUrl() + "/api/v2/tenants/default_tenant/databases/default_database/collections/" + collection;
    }
}
