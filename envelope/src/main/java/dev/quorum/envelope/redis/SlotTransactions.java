package dev.quorum.envelope.redis;

import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * MULTI/EXEC (and WATCH) that works on every topology, for keys that share one hash slot.
 *
 * <p>On one server (standalone, or the master behind Sentinels) this is {@link UnifiedJedis#transaction(boolean)}.
 * On a Cluster, Jedis 8's client refuses {@code multi()} outright ({@link UnsupportedOperationException}), even
 * when every key is in one slot; Redis itself allows a transaction whose keys all hash to one slot. So there the
 * transaction runs on a pooled connection to the master that owns the slot of {@code slotKey}. Every key used in it
 * must carry the same hash tag as {@code slotKey} (Quorum's own keys use {@code {quorum}}), or Redis answers
 * CROSSSLOT; during a slot migration it answers MOVED/ASK and the caller retries. Closing the transaction returns
 * the connection.
 */
public final class SlotTransactions {

    private SlotTransactions() {
    }

    /** Whether {@code redis} spreads keys over the slots of several masters (no cross-slot MULTI there). */
    @SuppressWarnings("deprecation") // JedisCluster: the pre-8 cluster client, still handed to us by some callers
    public static boolean isCluster(UnifiedJedis redis) {
        return redis instanceof RedisClusterClient || redis instanceof JedisCluster;
    }

    /** A transaction already in MULTI, on the node holding {@code slotKey}'s slot. */
    public static AbstractTransaction multi(UnifiedJedis redis, String slotKey) {
        return transaction(redis, slotKey, true);
    }

    /**
     * @param doMulti false to WATCH keys (of the same slot) first and call {@code multi()} yourself: a
     *                compare-and-set whose EXEC answers null when a watched key changed
     */
    @SuppressWarnings("deprecation")
    public static AbstractTransaction transaction(UnifiedJedis redis, String slotKey, boolean doMulti) {
        if (redis instanceof RedisClusterClient cluster) {
            return new Transaction(cluster.getConnectionFromSlot(JedisClusterCRC16.getSlot(slotKey)), doMulti, true);
        }
        if (redis instanceof JedisCluster cluster) {
            return new Transaction(cluster.getConnectionFromSlot(JedisClusterCRC16.getSlot(slotKey)), doMulti, true);
        }
        return redis.transaction(doMulti);
    }
}
