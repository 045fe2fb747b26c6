package dev.quorum.memory.outcomes;

import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;

/**
 * How outcomes are judged.
 *
 * @param horizonSessions H: the exit is the close of the H-th session after the trade date (the entry session,
 *                        the day after the trade date, is the first), so H = 5 holds a Tuesday-open entry to the
 *                        next Monday's close
 * @param epsilon         e: BULLISH is right when the return is above +e, BEARISH when below -e, NEUTRAL when inside
 *                        [-e, +e] (a fraction: 0.005 is half a percent)
 * @param benchmark       the ticker alpha is measured against
 */
public record OutcomeRules(int horizonSessions, double epsilon, String benchmark) {

    public OutcomeRules {
        if (horizonSessions < 1 || horizonSessions > 250) {
            throw new IllegalArgumentException("horizon_sessions must be in [1, 250], was " + horizonSessions);
        }
        if (!(epsilon >= 0.0 && epsilon <= 0.5)) {
            throw new IllegalArgumentException("epsilon must be in [0, 0.5], was " + epsilon);
        }
        if (benchmark == null || benchmark.isBlank()) {
            throw new IllegalArgumentException("benchmark must not be blank");
        }
    }

    /** H = 5 sessions, e = 0.005, against SPY (the configuration's defaults). */
    public static OutcomeRules defaults() {
        return new OutcomeRules(5, 0.005, "SPY");
    }

    /** Whether a call was right given the realised return. */
    public boolean isCorrect(Direction call, double realizedReturn) {
        return switch (call) {
            case BULLISH -> realizedReturn > epsilon;
            case BEARISH -> realizedReturn < -epsilon;
            case NEUTRAL -> realizedReturn >= -epsilon && realizedReturn <= epsilon;
        };
    }

    /** The direction a verdict points: BUY is BULLISH, SELL BEARISH, HOLD NEUTRAL. */
    public static Direction directionOf(Verdict verdict) {
        return switch (verdict) {
            case BUY -> Direction.BULLISH;
            case SELL -> Direction.BEARISH;
            case HOLD -> Direction.NEUTRAL;
        };
    }
}
