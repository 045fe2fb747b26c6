package dev.quorum.orchestrator.backtest.metrics;

import dev.quorum.envelope.Verdict;

import java.time.LocalDate;
import java.util.List;

/**
 * A stored decision with its market outcome: everything the metrics need, nothing recomputed.
 *
 * @param metaPrediction  the meta-learner's predicted return at decision time, or null when it made none
 * @param exitDate        the session whose close made the outcome known
 * @param realizedReturn  the ticker's return from the next open to the exit close (dividends included)
 * @param benchmarkReturn the benchmark's (SPY's) return over the same sessions, or null when unknown
 * @param regime          the market regime the agents saw (the {@code regime} feature), or null when their input had none
 */
public record ResolvedDecision(String ticker, LocalDate tradeDate, Verdict verdict, double confidence,
                               double ensembleScore, Double metaPrediction, List<RecordedVote> votes, LocalDate exitDate,
                               double realizedReturn, Double benchmarkReturn, String regime) {

    public ResolvedDecision {
        votes = List.copyOf(votes);
    }

    /** A decision whose regime is not known (the figures that do not group by it). */
    public ResolvedDecision(String ticker, LocalDate tradeDate, Verdict verdict, double confidence, double ensembleScore,
                            Double metaPrediction, List<RecordedVote> votes, LocalDate exitDate, double realizedReturn,
                            Double benchmarkReturn) {
        this(ticker, tradeDate, verdict, confidence, ensembleScore, metaPrediction, votes, exitDate, realizedReturn,
                benchmarkReturn, null);
    }
}
