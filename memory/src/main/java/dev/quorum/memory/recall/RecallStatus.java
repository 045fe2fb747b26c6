package dev.quorum.memory.recall;

/**
 * Counters of the similar-situation memory for the status endpoint (plain numbers: memory does not depend on
 * Micrometer; the orchestrator can bind them to gauges).
 *
 * @param store           which store, e.g. {@code embedded var/recall/situations.json}
 * @param recalls         recalls answered by the store
 * @param degradedRecalls recalls that returned empty because the store failed or exceeded the deadline
 * @param indexed         situations indexed (directly or from the queue)
 * @param indexFailures   indexing attempts that failed or timed out (the situation was queued)
 * @param pendingIndexing situations waiting in the queue for the store to come back
 * @param droppedIndexing situations refused because the queue was full (re-index them from the outcomes)
 * @param lastProblem     the last failure, one line, or null
 */
public record RecallStatus(String store, long recalls, long degradedRecalls, long indexed, long indexFailures,
                           int pendingIndexing, long droppedIndexing, String lastProblem) {
}
