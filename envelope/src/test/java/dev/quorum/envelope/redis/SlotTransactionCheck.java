package dev.quorum.envelope.redis;

import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What Quorum's own {@code {quorum}}-tagged keys rely on, whatever the topology: MULTI/EXEC and WATCH across them. */
final class SlotTransactionCheck {

    private SlotTransactionCheck() {
    }

    static void check(UnifiedJedis redis) {
        String run = UUID.randomUUID().toString();
        String jobs = "quorum:{quorum}:jobs:" + run;
        String decided = "quorum:{quorum}:decided:NVDA:2026-05-11:" + run;

        try (AbstractTransaction tx = SlotTransactions.multi(redis, jobs)) {
            tx.xadd(jobs, StreamEntryID.NEW_ENTRY, Map.of("ticker", "NVDA", "trade_date", "2026-05-11"));
            tx.set(decided, "worker-1");
            assertEquals(2, tx.exec().size());
        }
        assertEquals(1, redis.xlen(jobs));
        assertEquals("worker-1", redis.get(decided));

        try (AbstractTransaction tx = SlotTransactions.transaction(redis, decided, false)) {
            tx.watch(decided);
            redis.set(decided, "worker-2"); // another worker gets there first, on another connection
            tx.multi();
            tx.set(decided, "worker-3");
            assertNull(tx.exec(), "EXEC aborts when a watched key changed");
        }
        assertEquals("worker-2", redis.get(decided));
    }
}
