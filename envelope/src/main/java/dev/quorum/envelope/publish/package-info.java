/**
 * Publishing envelopes: the stream entry and the per-target decision hash, in one transaction on a single server
 * (standalone or Sentinel), entry first and hash second on a Cluster.
 */
package dev.quorum.envelope.publish;
