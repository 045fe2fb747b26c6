package dev.quorum.envelope.crosslang;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.EnvelopeBuilder;
import dev.quorum.envelope.Envelopes;
import dev.quorum.envelope.LocalRedis;
import dev.quorum.envelope.SourceMetrics;
import dev.quorum.envelope.Target;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.Verdict;
import dev.quorum.envelope.publish.EnvelopePublisher;
import dev.quorum.envelope.publish.PublisherSettings;
import dev.quorum.envelope.redis.ArenaKeys;
import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.testkit.CommandRun;
import dev.quorum.testkit.RedisCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.quorum.envelope.Envelopes.ordered;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Envelopes published by Java, read back from Redis, checked by the Python reference consumer: it must decode
 * each one, re-serialise it to the identical bytes, and its own publisher must write the same stream entry and
 * decision hash that Java wrote.
 */
class CrossLanguageTest {

    @RegisterExtension
    static final LocalRedis REDIS = new LocalRedis();
    @RegisterExtension
    static final RedisCluster CLUSTER = new RedisCluster();

    private static final String STREAM = "test:crosslang";

    @TempDir
    Path work;

    @Test
    void should_be_indistinguishable_from_the_python_publisher_for_the_python_consumer() throws IOException {
        check(REDIS.client());
    }

    /** On a Cluster the entry and the hash are written in two steps (no MULTI across slots): same bytes for Python. */
    @Test
    void should_be_indistinguishable_from_the_python_publisher_on_a_redis_cluster() throws IOException {
        try (UnifiedJedis cluster = RedisConnections.open(RedisUrl.parse(CLUSTER.url()))) {
            check(cluster);
        }
    }

    private void check(UnifiedJedis redis) throws IOException {
        ReferenceConsumer python = ReferenceConsumer.locateOrSkip();
        EnvelopePublisher publisher = new EnvelopePublisher(redis, PublisherSettings.defaults().withStream(STREAM));
        List<TradingIntelligenceEnvelope> envelopes = envelopes();
        envelopes.forEach(publisher::publish);

        Path entries = work.resolve("entries.jsonl");
        Files.writeString(entries, readBack(redis), StandardCharsets.UTF_8);
        CommandRun outcome = python.check(entries);

        assertEquals(0, outcome.exitCode(), outcome.output());
        assertEquals("checked " + envelopes.size() + " entries, 0 problems", outcome.output().strip());
    }

    /** Every stream entry with the decision hash it wrote (the newest envelope per target owns the hash). */
    private static String readBack(UnifiedJedis redis) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<StreamEntry> stream = redis.xrange(STREAM, "-", "+");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < stream.size(); i++) {
            TradingIntelligenceEnvelope envelope = envelopes().get(i);
            String ticker = envelope.decision().target().ticker();
            String hashKey = ticker.isEmpty() ? null : ArenaKeys.decisionHash(ticker, envelope.decision().target().tradeDate());
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("stream_key", STREAM);
            line.put("fields", stream.get(i).getFields());
            line.put("hash_key", hashKey);
            line.put("hash", hashKey == null ? null : redis.hgetAll(hashKey));
            lines.append(json.writeValueAsString(line)).append('\n');
        }
        return lines.toString();
    }

    /** One envelope per target (so each hash belongs to exactly one entry), covering the contract's edges. */
    private static List<TradingIntelligenceEnvelope> envelopes() {
        Instant at = Instant.parse("2026-05-11T13:45:00.000001Z");
        List<String> twelveFactors = IntStream.range(0, 12).mapToObj(i -> "factor_" + i + "_é").toList();
        List<TradingIntelligenceEnvelope> list = new ArrayList<>();
        list.add(Envelopes.full());
        list.add(Envelopes.degraded());
        list.add(EnvelopeBuilder.forTarget(new Target("7203.T", "2026-05-12", "東証", "equity"))
                .synthesis(Verdict.SELL, 1.0, -1.0, "Ελληνικά, العربية, 中文, emoji \uD83D\uDE80, line\u2028sep, tab\t, nul\u0000, del\u007f, \\ \" /")
                .agentSignal("risk", "risk", Direction.BEARISH, 1.0, "ü".repeat(280) + "\uD83D\uDCC9".repeat(40), twelveFactors)
                .agentSignal("macro", "macro", Direction.BULLISH, 0.0, "x".repeat(301), List.of())
                .publishedAt(at).correlationId("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").modelUsed("qwen2.5:7b").build());
        list.add(EnvelopeBuilder.forTarget(Target.equity("SPY", "2026-05-13"))
                .synthesis(Verdict.BUY, 0.0, 1.0, "")
                .agentSignal("technical", "technical", "strongly bullish", 0.3333333333333333, "tolerant", List.of())
                .sourceMetrics(new SourceMetrics(0, 0, 0, 0, Map.of()))
                .phaseTiming(ordered("phase", "agents", "seconds", 1e-7, "nested", ordered("a", List.of(1, 2.5, "x"), "big", 1e22)))
                .arenaTotalSeconds(123456789.123)
                .meta("ratio", 0.1 + 0.2)
                .meta("count", Long.MAX_VALUE)
                .meta("flags", List.of(true, false))
                .publishedAt(Instant.parse("2026-05-13T00:00:00Z")).build());
        list.add(EnvelopeBuilder.forTarget(Target.equity("QQQ", "2026-05-14"))
                .synthesis(Verdict.HOLD, 0.5, -0.00001, "tiny score")
                .arenaTotalSeconds(0.0)
                .publishedAt(Instant.parse("2026-05-14T23:59:59.999999Z")).build());
        return list;
    }
}
