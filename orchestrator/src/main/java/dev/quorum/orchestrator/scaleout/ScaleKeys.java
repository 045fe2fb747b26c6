package dev.quorum.orchestrator.scaleout;

import java.time.LocalDate;

/**
 * Every Redis key the workers share, derived from the job stream's name so that all of them carry its hash tag
 * (e.g. {@code {quorum}}) and live in one Redis Cluster slot.
 */
public record ScaleKeys(String jobStream) {

    /** Hash per trade date: ticker to the correlation id of the one decision published for it. */
    public String decided(LocalDate tradeDate) {
        return jobStream + ":decided:" + tradeDate;
    }

    /** Hash per trade date: ticker to the correlation id in {@link #decided} when that decision is provisional. */
    public String provisional(LocalDate tradeDate) {
        return jobStream + ":provisional:" + tradeDate;
    }

    /** String: which worker is deciding the (ticker, trade date) now; expires by itself if that worker dies. */
    public String claim(DecisionJob job) {
        return jobStream + ":claim:" + job.ticker() + ":" + job.tradeDate();
    }

    /** Stream of jobs that could not be decided after several deliveries, with the reason, for operators. */
    public String deadLetters() {
        return jobStream + ":dead";
    }

    /** Hash: the learner's meta-learner model and its step count, which workers predict with. */
    public String metaLearner() {
        return jobStream + ":metalearner";
    }

    /** String: the scheduler that owns learning now (a second scheduler stands by). */
    public String learnerLease() {
        return jobStream + ":learner";
    }
}
