package dev.quorum.envelope.redis;

import dev.quorum.envelope.Envelopes;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.Verdict;
import dev.quorum.envelope.consume.ConsumerGroupReader;
import dev.quorum.envelope.consume.Consumed;
import dev.quorum.envelope.consume.DecisionLookup;
import dev.quorum.envelope.consume.GroupSettings;
import dev.quorum.envelope.consume.ReadSettings;
import dev.quorum.envelope.consume.ReceivedEnvelope;
import dev.quorum.envelope.consume.StreamTail;
import dev.quorum.envelope.publish.EnvelopePublisher;
import dev.quorum.envelope.publish.PublisherSettings;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XPendingParams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole arena path on one Redis client, whatever its topology: publish (stream entry + decision hash), read
 * everything back with a stream tail, with a consumer group whose first consumer fails an entry that a second one
 * reclaims (XAUTOCLAIM), and look each decision up in its hash.
 */
final class ArenaRoundTrip {

    static final String TRADE_DATE = "2026-05-11";
    private static final String GROUP = "strategies";

    private ArenaRoundTrip() {
    }

    /** Tickers whose decision hashes land on different hash slots (and Cluster masters) than the stream. */
    static List<String> tickers() {
        return List.of("NVDA", "AAPL", "MSFT", "SPY", "TSLA", "AMZN");
    }

    static void check(UnifiedJedis redis, String stream) {
        EnvelopePublisher publisher = new EnvelopePublisher(redis, PublisherSettings.defaults().withStream(stream));
        List<TradingIntelligenceEnvelope> published = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < tickers().size(); i++) {
            TradingIntelligenceEnvelope envelope = Envelopes.simple(tickers().get(i), TRADE_DATE,
                    Verdict.values()[i % Verdict.values().length], 0.4 + i / 10.0);
            published.add(envelope);
            ids.add(publisher.publish(envelope));
        }
        ReadSettings settings = ReadSettings.defaults().withStream(stream).withBlockTimeout(Duration.ofMillis(200));

        List<ReceivedEnvelope> tailed = Consumed.until(StreamTail.fromStart(redis, settings), published.size());
        assertEquals(published, tailed.stream().map(ReceivedEnvelope::envelope).toList(), "tail reads every envelope unchanged");
        assertEquals(ids, tailed.stream().map(ReceivedEnvelope::entryId).toList());

        ConsumerGroupReader failing = new ConsumerGroupReader(redis, settings,
                GroupSettings.of(GROUP, "a").withReclaimAfter(Duration.ofHours(1)).withNewGroupFromStart(true));
        List<String> seenByA = new ArrayList<>();
        failing.run(received -> {
            seenByA.add(received.entryId());
            if (seenByA.size() == published.size()) {
                failing.stop();
            }
            if (received.entryId().equals(ids.get(0))) {
                throw new IllegalStateException("strategy crashed on the first entry");
            }
        });
        assertEquals(ids, seenByA);
        assertEquals(List.of(ids.get(0)), pending(redis, stream), "the failed entry stays pending");

        ConsumerGroupReader survivor = new ConsumerGroupReader(redis, settings,
                GroupSettings.of(GROUP, "b").withReclaimAfter(Duration.ZERO));
        List<ReceivedEnvelope> reclaimed = Consumed.until(survivor, 1);
        assertEquals(ids.get(0), reclaimed.get(0).entryId());
        assertEquals(1, survivor.stats().reclaimed());
        assertEquals(List.of(), pending(redis, stream), "everything acknowledged");

        DecisionLookup lookup = new DecisionLookup(redis);
        for (TradingIntelligenceEnvelope envelope : published) {
            assertEquals(Optional.of(envelope), lookup.current(envelope.decision().target().ticker(), TRADE_DATE));
        }
    }


    private static List<String> pending(UnifiedJedis redis, String stream) {
        return redis.xpending(stream, GROUP, XPendingParams.xPendingParams().count(100)).stream()
                .map(entry -> entry.getID().toString()).toList();
    }
}
