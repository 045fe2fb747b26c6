package dev.quorum.orchestrator.scaleout;

import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code jobs status} shows of the consumers: each one Redis still lists, with its jobs in hand and its last read. */
class JobBacklogTest {

    private static final String GROUP = "quorum-workers";
    private final RedisServer redis = new RedisServer();
    private RedisClient client;

    @BeforeEach
    void start() {
        redis.start();
        client = RedisClient.create(redis.host(), redis.port());
    }

    @AfterEach
    void stop() {
        client.close();
        redis.close();
    }

    @Test
    void should_list_every_consumer_with_the_jobs_it_holds_and_how_long_ago_it_last_read() {
        ScaleKeys keys = new ScaleKeys("quorum:{quorum}:jobs");
        JobQueue queue = new JobQueue(client, keys, GROUP);
        queue.enqueue(List.of("AAPL", "MSFT", "NVDA"), LocalDate.parse("2024-06-03"), false);
        // worker-b takes one job and keeps it; worker-a takes two and acknowledges one.
        read("worker-b", 1);
        List<StreamEntryID> taken = read("worker-a", 2);
        client.xack(keys.jobStream(), GROUP, taken.get(0));

        JobQueue.Backlog backlog = queue.backlog();

        assertEquals(List.of("worker-a", "worker-b"), backlog.consumers().stream().map(JobQueue.Consumer::name).toList());
        assertEquals(List.of(1L, 1L), backlog.consumers().stream().map(JobQueue.Consumer::pending).toList());
        assertEquals(2, backlog.pending());
        backlog.consumers().forEach(c -> assertTrue(!c.lastRead().isNegative() && c.lastRead().compareTo(Duration.ofMinutes(5)) < 0, c.toString()));
        assertEquals("worker-a: 1 pending, last read 1200 ms ago",
                new JobQueue.Consumer("worker-a", 1, Duration.ofMillis(1200)).describe());
        assertEquals("gone: 0 pending, last read 2 hours 5 minutes ago",
                new JobQueue.Consumer("gone", 0, Duration.ofMinutes(125)).describe());
    }

    private List<StreamEntryID> read(String consumer, int count) {
        String stream = new ScaleKeys("quorum:{quorum}:jobs").jobStream();
        Map<String, List<StreamEntry>> read = client.xreadGroupAsMap(GROUP, consumer, XReadGroupParams.xReadGroupParams().count(count),
                Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        return read.get(stream).stream().map(StreamEntry::getID).toList();
    }
}
