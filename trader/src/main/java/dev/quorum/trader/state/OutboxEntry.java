package dev.quorum.trader.state;

/** A feedback payload waiting to be delivered, and how often delivery has been tried. */
public record OutboxEntry(String correlationId, String payload, int attempts) {
}
