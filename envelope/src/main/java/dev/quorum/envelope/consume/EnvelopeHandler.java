package dev.quorum.envelope.consume;

/**
 * What a consumer does with each decoded envelope. Returning normally means "done": in a consumer group the
 * entry is acknowledged only then. Throwing leaves it pending, to be retried (reclaimed) later.
 */
@FunctionalInterface
public interface EnvelopeHandler {

    void handle(ReceivedEnvelope received) throws Exception;
}
