package dev.quorum.envelope.consume;

import dev.quorum.envelope.Envelopes;
import dev.quorum.envelope.LocalRedis;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.Verdict;
import dev.quorum.envelope.publish.EnvelopePublisher;
import dev.quorum.envelope.publish.PublisherSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DecisionLookupTest {

    @RegisterExtension
    static final LocalRedis REDIS = new LocalRedis();
    private final UnifiedJedis redis = REDIS.client();

    @Test
    void should_return_the_latest_envelope_published_for_the_target() {
        EnvelopePublisher publisher = new EnvelopePublisher(redis, PublisherSettings.defaults());
        publisher.publish(Envelopes.simple("MSFT", "2026-05-11", Verdict.BUY, 0.6));
        TradingIntelligenceEnvelope latest = Envelopes.simple("MSFT", "2026-05-11", Verdict.SELL, 0.9);
        publisher.publish(latest);
        publisher.publish(Envelopes.simple("MSFT", "2026-05-12", Verdict.HOLD, 0.1));

        assertEquals(Optional.of(latest), new DecisionLookup(redis).current("MSFT", "2026-05-11"));
    }

    @Test
    void should_return_empty_for_a_target_never_published() {
        assertEquals(Optional.empty(), new DecisionLookup(redis).current("NONE", "2026-05-11"));
    }
}
