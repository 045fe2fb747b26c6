/**
 * Where the arena lives in Redis: URLs for a standalone server, a Sentinel-managed master or a Cluster (passwords
 * masked), Jedis client creation for each, transactions on one hash slot that work on all three, and the shared key
 * names.
 */
package dev.quorum.envelope.redis;
