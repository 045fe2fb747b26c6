package dev.quorum.orchestrator.reliability.faults;

import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.orchestrator.reliability.Published;
import dev.quorum.orchestrator.reliability.QuorumRig;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.testkit.ChromaServer;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chroma (the recall store) failing under real cycles: down at start, killed mid-run. Recall is an aid, not a
 * dependency: every ticker is still decided, stored and published exactly once.
 */
class ChromaFaultsTest {

    private final RedisServer redis = new RedisServer();
    private final ChromaServer chroma = new ChromaServer();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        chroma.close();
        redis.close();
    }

    private QuorumRuntime runtime(String chromaUrl) throws Exception {
        return QuorumRuntime.open(QuorumRig.config(dir.resolve("state"), QuorumRig.sampleMarket(), redis.url(),
                "memory: {recall_store: chroma, chroma_url: \"" + chromaUrl + "\"}\n"), PublishTarget.REDIS);
    }


    private void assertPublishedExactlyOnce(Set<String> decided) {
        try (UnifiedJedis client = RedisConnections.open(RedisUrl.parse(redis.url()))) {
            List<String> consumed = Published.consumedByNewGroup(client);
            assertEquals(decided, Set.copyOf(consumed));
            assertEquals(consumed.size(), decided.size(), "each correlation id once: " + consumed);
        }
        assertEquals(0, Published.pendingOutbox(dir.resolve("state/quorum.db")));
    }

    @Test
    void should_decide_and_publish_with_chroma_down_at_start() throws Exception {
        redis.start();
        chroma.start();
        String url = chroma.baseUrl();
        chroma.stop();
        LocalDate date = QuorumRig.lastSessions(QuorumRig.sampleMarket(), 1).get(0);
        Set<String> decided;
        try (QuorumRuntime runtime = runtime(url)) {
            decided = QuorumRig.decideAll(runtime, List.of("AAPL", "MSFT"), date);
            assertEquals(2, runtime.publisher().drain());
        }
        assertPublishedExactlyOnce(decided);
    }

    @Test
    void should_keep_deciding_when_chroma_is_killed_mid_run() throws Exception {
        redis.start();
        chroma.start();
        List<LocalDate> dates = QuorumRig.lastSessions(QuorumRig.sampleMarket(), 2);
        Set<String> decided = new HashSet<>();
        try (QuorumRuntime runtime = runtime(chroma.baseUrl())) {
            decided.addAll(QuorumRig.decideAll(runtime, List.of("AAPL", "MSFT"), dates.get(0)));
            chroma.kill();
            decided.addAll(QuorumRig.decideAll(runtime, List.of("NVDA", "JPM"), dates.get(1)));
            assertEquals(4, runtime.publisher().drain());
        }
        assertPublishedExactlyOnce(decided);
    }
}
