package dev.quorum.envelope.consume;

import dev.quorum.envelope.Envelopes;
import dev.quorum.envelope.LocalRedis;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.Verdict;
import dev.quorum.envelope.json.SkipReason;
import dev.quorum.envelope.publish.EnvelopePublisher;
import dev.quorum.envelope.publish.PublisherSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamTailTest {

    @RegisterExtension
    static final LocalRedis REDIS = new LocalRedis();
    private final UnifiedJedis redis = REDIS.client();

    private final String stream = "test:" + UUID.randomUUID();
    private final ReadSettings settings = ReadSettings.defaults().withStream(stream).withBlockTimeout(Duration.ofMillis(200));
    private final EnvelopePublisher publisher = new EnvelopePublisher(redis, PublisherSettings.defaults().withStream(stream));


    @Test
    void should_read_back_every_published_envelope_unchanged_from_the_start() {
        List<TradingIntelligenceEnvelope> published = List.of(Envelopes.full(), Envelopes.degraded(),
                Envelopes.simple("AAPL", "2026-05-12", Verdict.SELL, 1.0));
        List<String> ids = new ArrayList<>();
        published.forEach(envelope -> ids.add(publisher.publish(envelope)));

        List<ReceivedEnvelope> received = Consumed.until(StreamTail.fromStart(redis, settings), 3);

        assertEquals(published, received.stream().map(ReceivedEnvelope::envelope).toList());
        assertEquals(ids, received.stream().map(ReceivedEnvelope::entryId).toList());
    }

    @Test
    void should_see_only_entries_added_after_a_tail_from_latest_was_created() {
        publisher.publish(Envelopes.simple("OLD", "2026-05-11", Verdict.HOLD, 0.5));
        StreamTail tail = StreamTail.fromLatest(redis, settings);
        publisher.publish(Envelopes.simple("NEW1", "2026-05-11", Verdict.BUY, 0.5));
        publisher.publish(Envelopes.simple("NEW2", "2026-05-11", Verdict.BUY, 0.5));

        List<ReceivedEnvelope> received = Consumed.until(tail, 2);

        assertEquals(List.of("NEW1", "NEW2"), received.stream().map(r -> r.envelope().decision().target().ticker()).toList());
    }

    @Test
    void should_wait_for_entries_published_while_it_blocks() throws Exception {
        StreamTail tail = StreamTail.fromLatest(redis, settings);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<List<ReceivedEnvelope>> received = background.submit(() -> Consumed.until(tail, 1));
            String id = publisher.publish(Envelopes.simple("LATE", "2026-05-11", Verdict.BUY, 0.5));
            assertEquals(id, received.get(30, TimeUnit.SECONDS).get(0).entryId());
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void should_skip_and_count_entries_it_cannot_decode_without_stopping() {
        RawEntries.notJson(redis, stream);
        RawEntries.v2(redis, stream);
        RawEntries.invalidBody(redis, stream);
        RawEntries.noDataField(redis, stream);
        String good = publisher.publish(Envelopes.full());
        StreamTail tail = StreamTail.fromStart(redis, settings);

        List<ReceivedEnvelope> received = Consumed.until(tail, 1);

        assertEquals(good, received.get(0).entryId());
        assertEquals(1, tail.stats().skipped(SkipReason.MALFORMED_JSON));
        assertEquals(1, tail.stats().skipped(SkipReason.UNSUPPORTED_SCHEMA_VERSION));
        assertEquals(1, tail.stats().skipped(SkipReason.INVALID_BODY));
        assertEquals(1, tail.stats().skipped(SkipReason.NO_DATA_FIELD));
    }

    @Test
    void should_count_a_handler_failure_and_move_on() {
        publisher.publish(Envelopes.simple("FAIL", "2026-05-11", Verdict.BUY, 0.5));
        String second = publisher.publish(Envelopes.simple("OK", "2026-05-11", Verdict.BUY, 0.5));
        StreamTail tail = StreamTail.fromStart(redis, settings);
        List<String> handled = new ArrayList<>();

        tail.run(received -> {
            if (received.envelope().decision().target().ticker().equals("FAIL")) {
                throw new IllegalStateException("strategy rejected it");
            }
            handled.add(received.entryId());
            tail.stop();
        });

        assertEquals(List.of(second), handled);
        assertEquals(1, tail.stats().handlerFailures());
    }
}
