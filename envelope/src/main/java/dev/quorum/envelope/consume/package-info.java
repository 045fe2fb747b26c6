/**
 * Reading envelopes back: {@link dev.quorum.envelope.consume.StreamTail} (XREAD from the start or the end),
 * {@link dev.quorum.envelope.consume.ConsumerGroupReader} (XREADGROUP with ack-after-success and reclaim of a
 * dead consumer's entries) and {@link dev.quorum.envelope.consume.DecisionLookup} (the current verdict of one target).
 */
package dev.quorum.envelope.consume;
