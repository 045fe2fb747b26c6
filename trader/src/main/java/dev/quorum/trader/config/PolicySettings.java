package dev.quorum.trader.config;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * How verdicts become positions ({@code policy:} in the trader's file).
 *
 * @param minConfidence       a verdict below this confidence is ignored (no open, no close)
 * @param equityFraction      a new position's notional is equity x this x the verdict's confidence
 * @param maxPositionFraction the largest notional in one ticker, as a fraction of equity
 * @param maxGrossExposure    the largest sum of |notional| over open positions, as a fraction of equity
 * @param holdingSessions     a position is closed after this many sessions: Quorum's {@code outcome.horizon_sessions}
 * @param stopLoss            close when the adverse move from entry reaches this fraction (e.g. 0.05); empty: none
 * @param takeProfit          close when the favourable move from entry reaches this fraction; empty: none
 * @param onHold              what a HOLD verdict does to an open position in its ticker
 * @param allowShort          a SELL with no long to close opens a short
 */
public record PolicySettings(Double minConfidence, Double equityFraction, Double maxPositionFraction,
                             Double maxGrossExposure, Integer holdingSessions, Double stopLoss, Double takeProfit,
                             String onHold, Boolean allowShort) {

    /** What HOLD does to an open position. */
    public enum OnHold { KEEP, CLOSE }

    public PolicySettings {
        minConfidence = Checks.between("policy.min_confidence", Checks.orDefault(minConfidence, 0.6), 0, 1);
        equityFraction = Checks.between("policy.equity_fraction", Checks.orDefault(equityFraction, 0.10), 0, 1);
        maxPositionFraction = Checks.between("policy.max_position_fraction", Checks.orDefault(maxPositionFraction, 0.20), 0, 1);
        maxGrossExposure = Checks.between("policy.max_gross_exposure", Checks.orDefault(maxGrossExposure, 1.0), 0, 4);
        holdingSessions = Checks.atLeast("policy.holding_sessions", Checks.orDefault(holdingSessions, 5), 1);
        if (stopLoss != null) {
            Checks.between("policy.stop_loss", stopLoss, 0.0001, 1);
        }
        if (takeProfit != null) {
            Checks.between("policy.take_profit", takeProfit, 0.0001, 10);
        }
        onHold = Checks.orDefault(onHold, "keep").toLowerCase(Locale.ROOT);
        if (!onHold.equals("keep") && !onHold.equals("close")) {
            throw TraderConfigException.at("policy.on_hold", "must be keep or close, was " + onHold);
        }
        allowShort = Checks.orDefault(allowShort, true);
    }

    public static PolicySettings defaults() {
        return new PolicySettings(null, null, null, null, null, null, null, null, null);
    }

    public OnHold holdAction() {
        return OnHold.valueOf(onHold.toUpperCase(Locale.ROOT));
    }

    public OptionalDouble stopLossFraction() {
        return stopLoss == null ? OptionalDouble.empty() : OptionalDouble.of(stopLoss);
    }

    public OptionalDouble takeProfitFraction() {
        return takeProfit == null ? OptionalDouble.empty() : OptionalDouble.of(takeProfit);
    }
}
