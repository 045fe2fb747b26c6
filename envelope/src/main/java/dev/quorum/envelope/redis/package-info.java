/**
 * Where the arena lives in Redis: URL parsing with masked passwords, Jedis client creation, and the shared key names.
 */
package dev.quorum.envelope.redis;
