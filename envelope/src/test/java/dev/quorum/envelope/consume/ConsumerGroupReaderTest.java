package dev.quorum.envelope.consume;

import dev.quorum.envelope.Envelopes;
import dev.quorum.envelope.LocalRedis;
import dev.quorum.envelope.Verdict;
import dev.quorum.envelope.json.SkipReason;
import dev.quorum.envelope.publish.EnvelopePublisher;
import dev.quorum.envelope.publish.PublisherSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.resps.StreamPendingEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsumerGroupReaderTest {

    @RegisterExtension
    static final LocalRedis REDIS = new LocalRedis();
    private final UnifiedJedis redis = REDIS.client();
    private static final String GROUP = "strategies";

    private final String stream = "test:" + UUID.randomUUID();
    private final ReadSettings settings = ReadSettings.defaults().withStream(stream).withBlockTimeout(Duration.ofMillis(200));
    private final EnvelopePublisher publisher = new EnvelopePublisher(redis, PublisherSettings.defaults().withStream(stream));

    private ConsumerGroupReader consumer(String name, Duration reclaimAfter) {
        return new ConsumerGroupReader(redis, settings,
                GroupSettings.of(GROUP, name).withReclaimAfter(reclaimAfter).withNewGroupFromStart(true));
    }

    /** Runs {@code reader} on this thread until it has handled {@code count} envelopes; returns their entry ids. */
    private static List<String> handleUntil(ConsumerGroupReader reader, int count) {
        List<String> ids = new ArrayList<>();
        reader.run(received -> {
            ids.add(received.entryId());
            if (ids.size() == count) {
                reader.stop();
            }
        });
        return ids;
    }

    private List<String> publish(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(publisher.publish(Envelopes.simple("T" + i, "2026-05-11", Verdict.BUY, 0.5)));
        }
        return ids;
    }

    private List<String> pendingIds() {
        return redis.xpending(stream, GROUP, XPendingParams.xPendingParams().count(1000)).stream()
                .map(StreamPendingEntry::getID).map(Object::toString).toList();
    }

    @Test
    void should_acknowledge_each_envelope_after_the_handler_succeeded() {
        List<String> published = publish(3);
        assertEquals(published, handleUntil(consumer("a", Duration.ofHours(1)), 3));
        assertEquals(List.of(), pendingIds());
    }

    @Test
    void should_acknowledge_and_count_v2_and_malformed_entries_without_crashing() {
        RawEntries.v2(redis, stream);
        RawEntries.notJson(redis, stream);
        RawEntries.noDataField(redis, stream);
        List<String> good = publish(1);
        ConsumerGroupReader reader = consumer("a", Duration.ofHours(1));

        assertEquals(good, handleUntil(reader, 1));
        assertEquals(List.of(), pendingIds(), "skipped entries must be acknowledged, not left to block the group");
        assertEquals(1, reader.stats().skipped(SkipReason.UNSUPPORTED_SCHEMA_VERSION));
        assertEquals(1, reader.stats().skipped(SkipReason.MALFORMED_JSON));
        assertEquals(1, reader.stats().skipped(SkipReason.NO_DATA_FIELD));
    }

    @Test
    void should_leave_an_entry_pending_when_the_handler_fails() {
        List<String> published = publish(2);
        ConsumerGroupReader reader = consumer("a", Duration.ofHours(1));
        reader.run(received -> {
            if (received.entryId().equals(published.get(0))) {
                throw new IllegalStateException("broker unavailable");
            }
            reader.stop();
        });
        assertEquals(List.of(published.get(0)), pendingIds());
        assertEquals(1, reader.stats().handlerFailures());
    }

    /** Consumer "a" dies while handling its third entry: it never acks it nor the rest of its batch. */
    private List<String> crashAfterTwo(List<String> published) {
        ConsumerGroupReader doomed = consumer("a", Duration.ofHours(1));
        List<String> handled = new ArrayList<>();
        doomed.run(received -> {
            if (handled.size() == 2) {
                doomed.stop();
                throw new IllegalStateException("process killed");
            }
            handled.add(received.entryId());
        });
        assertEquals(published.subList(0, 2), handled);
        assertEquals(published.subList(2, published.size()), pendingIds());
        return handled;
    }

    @Test
    void should_let_another_consumer_reclaim_everything_a_killed_consumer_left_pending() {
        List<String> published = publish(10);
        List<String> handledByDead = crashAfterTwo(published);

        ConsumerGroupReader survivor = consumer("b", Duration.ZERO);
        List<String> handledBySurvivor = handleUntil(survivor, 8);

        assertEquals(published.subList(2, 10), handledBySurvivor);
        assertEquals(8, survivor.stats().reclaimed());
        assertEquals(List.of(), pendingIds());
        List<String> all = new ArrayList<>(handledByDead);
        all.addAll(handledBySurvivor);
        assertEquals(published, all, "every entry handled exactly once across both consumers");
    }

    @Test
    void should_not_take_entries_a_consumer_holds_for_less_than_the_reclaim_idle_time() {
        List<String> published = publish(5);
        crashAfterTwo(published);
        String fresh = publish(1).get(0);

        ConsumerGroupReader patient = consumer("b", Duration.ofHours(1));
        assertEquals(List.of(fresh), handleUntil(patient, 1));
        assertEquals(0, patient.stats().reclaimed());
        assertEquals(published.subList(2, 5), pendingIds());
    }

    @Test
    void should_finish_its_own_pending_entries_first_when_restarted_under_the_same_name() {
        List<String> published = publish(6);
        crashAfterTwo(published);
        assertEquals(published.subList(2, 6), handleUntil(consumer("a", Duration.ofHours(1)), 4));
        assertEquals(List.of(), pendingIds());
    }

    @Test
    void should_create_a_missing_group_at_the_end_of_the_stream_by_default() {
        publish(2);
        ConsumerGroupReader reader = new ConsumerGroupReader(redis, settings, GroupSettings.of("late-joiners", "x"));
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<?> running = background.submit(() -> reader.run(received -> reader.stop()));
            // No event tells us the group exists yet; poll Redis for it (bounded), then publish the one entry it should see.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (redis.exists(stream) && redis.xinfoGroups(stream).stream().noneMatch(g -> g.getName().equals("late-joiners"))) {
                assertTrue(System.nanoTime() < deadline, "group was never created");
                Thread.onSpinWait();
            }
            publish(1);
            running.get(30, TimeUnit.SECONDS);
            assertEquals(1, reader.stats().handled(), "only the entry added after the group was created");
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void should_stop_cleanly_while_blocked_on_an_empty_stream() throws Exception {
        ConsumerGroupReader reader = consumer("idle", Duration.ofHours(1));
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<?> running = background.submit(() -> reader.run(received -> { }));
            reader.stop();
            running.get(30, TimeUnit.SECONDS);
            assertTrue(reader.stopRequested());
        } finally {
            background.shutdownNow();
        }
    }
}
