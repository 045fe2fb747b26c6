package dev.quorum.envelope.consume;

import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** Consumer-group housekeeping every reader of a stream through a group needs. */
public final class ConsumerGroups {

    private ConsumerGroups() {
    }

    /**
     * Creates {@code group} on {@code stream} (and the stream, MKSTREAM) unless the group exists: every consumer calls
     * this on start, so the first one creates it and the others find it.
     *
     * @param start where a new group starts reading: {@code new StreamEntryID()} (the stream's start) or
     *              {@link StreamEntryID#XGROUP_LAST_ENTRY} (only entries added from now on)
     */
    public static void ensure(UnifiedJedis redis, String stream, String group, StreamEntryID start) {
        try {
            redis.xgroupCreate(stream, group, start, true);
        } catch (JedisDataException e) {
            if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }
}
