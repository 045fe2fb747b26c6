package dev.quorum.orchestrator.config;

import java.util.regex.Pattern;

/**
 * Work distribution over Redis for {@code serve --role scheduler|worker} (ignored by {@code --role all}).
 *
 * @param jobStream          the Redis stream of decision jobs, one entry per (ticker, trade date); Quorum's other
 *                           shared keys are derived from it and share its hash tag, so they live in one Redis
 *                           Cluster slot
 * @param group              the consumer group every worker reads the job stream through
 * @param reclaimIdleSeconds a job pending this long with a silent worker is reclaimed by another (XAUTOCLAIM);
 *                           longer than one decision's {@code budget.max_wall_seconds}, or live jobs get stolen
 * @param consumer           this worker's consumer name in the group; null: {@code <host>-<pid>}
 */
public record ScaleConfig(String jobStream, String group, Integer reclaimIdleSeconds, String consumer) {

    private static final Pattern HASH_TAG = Pattern.compile("[^{]*\\{[^{}]+}.*");

    public ScaleConfig {
        ConfigCheck.text("job_stream", jobStream);
        if (!HASH_TAG.matcher(jobStream).matches()) {
            throw ConfigCheck.invalid("job_stream", "must contain a Redis Cluster hash tag such as {quorum} (keys derived "
                    + "from it must share one slot), was '" + jobStream + "'");
        }
        ConfigCheck.text("group", group);
        ConfigCheck.between("reclaim_idle_seconds", reclaimIdleSeconds, 1, 24 * 3600);
        if (consumer != null) {
            ConfigCheck.text("consumer", consumer);
        }
    }
}
