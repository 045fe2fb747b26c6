package dev.quorum.orchestrator.scaleout;

import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.orchestrator.publish.EnvelopeSink;
import dev.quorum.orchestrator.publish.RedisSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A worker's sink: registers the decision in the shared {@link DecisionRegistry} before the envelope is written,
 * so that of two workers that decided the same (ticker, trade date) only one publishes. A provisional decision
 * (the models failed) is registered as such and gives way to the decision that supersedes it. The loser's envelope is
 * not written; its outbox row is closed with a note naming the decision that was published instead.
 * <p>
 * The registry is written first on purpose: a worker that dies between the two writes publishes its envelope when
 * it restarts (its outbox row is still pending, and the registry names its own decision); the opposite order could
 * publish two verdicts for one day.
 */
public final class DecideOnceSink implements EnvelopeSink {

    private static final Logger log = LoggerFactory.getLogger(DecideOnceSink.class);

    private final RedisSink stream;
    private final DecisionRegistry registry;
    private final boolean redecide;

    /** @param redecide {@code decisions.redecide}: a newer decision replaces the registered one and is published */
    public DecideOnceSink(RedisSink stream, DecisionRegistry registry, boolean redecide) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.redecide = redecide;
    }

    @Override
    public String describe() {
        return stream.describe() + ", once per ticker and trade date";
    }

    @Override
    public String publish(String correlationId, String envelopeJson) {
        TradingIntelligenceEnvelope envelope = RedisSink.stored(correlationId, envelopeJson);
        String ticker = envelope.decision().target().ticker();
        LocalDate tradeDate = LocalDate.parse(envelope.decision().target().tradeDate());
        boolean provisional = Boolean.TRUE.equals(envelope.meta().get("provisional"));
        Optional<String> other = registry.claimPublication(ticker, tradeDate, correlationId, provisional, redecide);
        if (other.isPresent()) {
            log.warn("{} {}: decision {} not published, another worker published {} for that day first",
                    ticker, tradeDate, correlationId, other.get());
            return "not published: " + ticker + " " + tradeDate + " was published as " + other.get();
        }
        // The stored bytes go out as they are: the envelope was decoded only for what the registry needs.
        return stream.publish(correlationId, envelopeJson);
    }
}
