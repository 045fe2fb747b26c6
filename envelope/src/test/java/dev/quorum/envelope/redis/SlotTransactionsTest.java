package dev.quorum.envelope.redis;

import dev.quorum.envelope.LocalRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Slot transactions on one redis-server; the Sentinel and Cluster test classes run the same check. */
class SlotTransactionsTest {

    @RegisterExtension
    static final LocalRedis REDIS = new LocalRedis();

    @Test
    void should_run_multi_and_watch_on_a_standalone_server() {
        assertFalse(SlotTransactions.isCluster(REDIS.client()));
        SlotTransactionCheck.check(REDIS.client());
    }
}
