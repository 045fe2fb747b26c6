package dev.quorum.orchestrator.reliability.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.EnvelopeBuilder;
import dev.quorum.envelope.Target;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.Verdict;
import dev.quorum.envelope.consume.ConsumerGroupReader;
import dev.quorum.envelope.consume.GroupSettings;
import dev.quorum.envelope.consume.ReadSettings;
import dev.quorum.envelope.json.EnvelopeJson;
import dev.quorum.envelope.json.SkipReason;
import dev.quorum.envelope.publish.EnvelopePublisher;
import dev.quorum.envelope.publish.PublisherSettings;
import dev.quorum.orchestrator.reliability.Fuzz;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XPendingParams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A stream holding valid envelopes shuffled among hostile entries (random bytes, no data field, v2, wrong types,
 * out-of-bounds values, JSON that is not an object, 200k-deep nesting, several MB of garbage). A consumer group
 * reader must hand over exactly the valid envelopes, skip and count each hostile entry under its reason, leave
 * nothing pending, and keep running until told to stop.
 */
class StreamEntryFuzzTest {

    private static final String STREAM = "fuzz:output";
    private final ObjectMapper json = new ObjectMapper();
    private final RedisServer server = new RedisServer();
    private RedisClient redis;

    @AfterEach
    void stop() {
        if (redis != null) {
            redis.close();
        }
        server.close();
    }

    private TradingIntelligenceEnvelope valid(int i) {
        return EnvelopeBuilder.forTarget(Target.equity("T" + i, "2024-05-31"))
                .synthesis(Verdict.BUY, 0.6, 0.3, "fuzz " + i)
                .agentSignal("technical", "trend-momentum", Direction.BULLISH, 0.7, "up", List.of("sma_50"))
                .modelUsed("rules")
                .build();
    }

    /** One hostile stream entry and the reason the reader must count it under. */
    private record Hostile(Map<byte[], byte[]> fields, SkipReason reason) {
        String describe() {
            String data = new String(fields.values().iterator().next(), StandardCharsets.UTF_8);
            return reason + ": " + (data.length() > 600 ? data.substring(0, 600) : data);
        }
    }

    private Hostile hostile(Fuzz fuzz) throws Exception {
        ObjectNode envelope = (ObjectNode) json.readTree(EnvelopeJson.encode(valid(fuzz.nextInt(1000))));
        ObjectNode synthesis = (ObjectNode) envelope.path("decision").path("synthesis");
        return switch (fuzz.nextInt(10)) {
            case 0 -> {
                // A leading control character keeps a short random run from being, by chance, a JSON number.
                byte[] noise = fuzz.randomBytes(1 + fuzz.nextInt(300));
                noise[0] = 1;
                yield data(noise, SkipReason.MALFORMED_JSON);
            }
            case 1 -> new Hostile(Map.of(bytes("payload"), bytes(EnvelopeJson.encode(valid(1)))), SkipReason.NO_DATA_FIELD);
            case 2 -> data(bytes(envelope.put("schema_version", fuzz.pick(List.of("2", "1.1", "v1", ""))).toString()),
                    SkipReason.UNSUPPORTED_SCHEMA_VERSION);
            case 3 -> {
                synthesis.put("confidence", fuzz.pick(List.of(1.5, -0.1, 7.0)));
                yield data(bytes(envelope.toString()), SkipReason.INVALID_BODY);
            }
            case 4 -> {
                synthesis.put("confidence", fuzz.pick(List.of("high", "NaN", "")));
                yield data(bytes(envelope.toString()), SkipReason.INVALID_BODY);
            }
            case 5 -> {
                synthesis.put("ensemble_score", fuzz.pick(List.of(1.01, -3.0)));
                yield data(bytes(envelope.toString()), SkipReason.INVALID_BODY);
            }
            case 6 -> {
                // agent_signals may be absent (the reference model defaults it to []); target may not.
                ((ObjectNode) envelope.path("decision")).remove("target");
                yield data(bytes(envelope.toString()), SkipReason.INVALID_BODY);
            }
            case 7 -> data(bytes(fuzz.pick(List.of("[]", "\"text\"", "42", "null", "true"))), SkipReason.INVALID_BODY);
            case 8 -> data(bytes("[".repeat(200_000)), SkipReason.MALFORMED_JSON);
            default -> data(bytes("{\"schema_version\":\"1\",\"arena\":\"" + "x".repeat(4_000_000 + fuzz.nextInt(1000))), SkipReason.MALFORMED_JSON);
        };
    }

    private static Hostile data(byte[] payload, SkipReason reason) {
        return new Hostile(Map.of(bytes("data"), payload), reason);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void should_hand_over_exactly_the_valid_envelopes_and_count_every_hostile_entry() throws Exception {
        server.start();
        redis = RedisClient.create(server.host(), server.port());
        Fuzz fuzz = Fuzz.seeded("stream");
        EnvelopePublisher publisher = new EnvelopePublisher(redis, PublisherSettings.defaults().withStream(STREAM));
        Set<String> published = ConcurrentHashMap.newKeySet();
        Map<SkipReason, Long> expectedSkips = new EnumMap<>(SkipReason.class);
        int total = Fuzz.cases(300);
        List<Hostile> hostiles = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            if (fuzz.chance(0.3)) {
                TradingIntelligenceEnvelope envelope = valid(i);
                publisher.publish(envelope);
                published.add(envelope.correlationId());
            } else {
                Hostile entry = hostile(fuzz);
                redis.xadd(bytes(STREAM), XAddParams.xAddParams(), entry.fields());
                expectedSkips.merge(entry.reason(), 1L, Long::sum);
                hostiles.add(entry);
            }
        }
        ConsumerGroupReader reader = new ConsumerGroupReader(redis,
                ReadSettings.defaults().withStream(STREAM).withBatchSize(7).withBlockTimeout(Duration.ofMillis(100)),
                GroupSettings.of("strategies", "fuzz").withNewGroupFromStart(true).withReclaimAfter(Duration.ofHours(1)));
        List<String> handled = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> reader.run(r -> handled.add(r.envelope().correlationId())));

        awaitAllSeen(reader, total, loop);
        assertFalse(loop.isDone(), "the reader loop ended by itself");
        reader.stop();
        loop.get(30, TimeUnit.SECONDS);

        Set<String> unexpected = new java.util.HashSet<>(handled);
        unexpected.removeAll(published);
        Set<String> missed = new java.util.HashSet<>(published);
        missed.removeAll(handled);
        assertEquals(Set.of(), unexpected, "hostile entries handed over as envelopes; expected " + expectedSkips + ", counted "
                + reader.stats() + ":\n" + hostiles.stream().map(Hostile::describe)
                .filter(d -> unexpected.stream().anyMatch(d::contains)).collect(java.util.stream.Collectors.joining("\n")));
        assertEquals(Set.of(), missed, "valid envelopes not handed over; " + reader.stats());
        assertEquals(published.size(), handled.size(), "duplicates handed over");
        for (SkipReason reason : SkipReason.values()) {
            assertEquals(expectedSkips.getOrDefault(reason, 0L), reader.stats().skipped(reason), "skips counted as " + reason
                    + " (seed " + fuzz.seed() + "): " + reader.stats());
        }
        assertEquals(0, redis.xpending(STREAM, "strategies", XPendingParams.xPendingParams().count(10)).size(),
                "every entry, skipped or handled, is acknowledged");
    }

    /** The reader offers no completion event for "caught up"; a bounded poll of its counters. */
    private static void awaitAllSeen(ConsumerGroupReader reader, int total, CompletableFuture<Void> loop) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (reader.stats().handled() + reader.stats().skipped() < total) {
            if (loop.isDone()) {
                loop.get();
                throw new AssertionError("the reader loop ended after " + reader.stats());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + reader.stats() + " of " + total + " entries seen within 60 s");
            }
            Thread.sleep(20);
        }
    }
}
