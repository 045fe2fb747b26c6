/** Publishing envelopes: the stream entry and the per-target decision hash, written together. */
package dev.quorum.envelope.publish;
