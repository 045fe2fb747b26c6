package dev.quorum.trader.policy;

import dev.quorum.envelope.Verdict;
import dev.quorum.trader.config.PolicySettings;

import java.util.Locale;
import java.util.Optional;

/**
 * Turns one verdict into a {@link Plan}:
 * <ul>
 *   <li>below {@code min_confidence}: nothing (neither opens nor closes: a weak or degraded verdict does not move the book);</li>
 *   <li>BUY: keeps a long; closes a short and opens a long; opens a long when flat;</li>
 *   <li>SELL: keeps a short; closes a long and, when shorts are allowed, opens a short;</li>
 *   <li>HOLD: closes the position when {@code on_hold: close}, else keeps it.</li>
 * </ul>
 * A new position's notional is {@code equity x equity_fraction x confidence x size_factor} (the size factor is the
 * orchestrator's peer review lowering a CAUTION verdict's size, {@code meta.review.size_factor}; 1 otherwise), capped by
 * {@code max_position_fraction x equity} and by the room left under {@code max_gross_exposure x equity}; the shares
 * are that notional over the reference price, rounded down.
 */
public final class PositionPolicy {

    private final PolicySettings settings;

    public PositionPolicy(PolicySettings settings) {
        this.settings = settings;
    }

    /**
     * @param grossExposure the sum of |notional| of every open position, the current one in this ticker included
     * @param price         the reference price (the last close on or before the decision's trade date)
     */
    public Plan decide(Verdict verdict, double confidence, Optional<Holding> current, double equity, double grossExposure,
                       double price) {
        return decide(verdict, confidence, current, equity, grossExposure, price, 1.0);
    }

    /** @param sizeFactor in [0, 1]: multiplies the notional a new position wants (the review's CAUTION) */
    public Plan decide(Verdict verdict, double confidence, Optional<Holding> current, double equity, double grossExposure,
                       double price, double sizeFactor) {
        if (confidence < settings.minConfidence()) {
            return Plan.nothing(String.format(Locale.ROOT, "confidence %.2f below min_confidence %.2f", confidence, settings.minConfidence()));
        }
        return switch (verdict) {
            case HOLD -> current.isPresent() && settings.holdAction() == PolicySettings.OnHold.CLOSE
                    ? new Plan(Optional.of(current.get().correlationId()), Optional.empty(), "HOLD closes the position (on_hold: close)")
                    : Plan.nothing(current.isPresent() ? "HOLD keeps the position" : "HOLD, no position");
            case BUY -> towards(true, confidence, sizeFactor, current, equity, grossExposure, price);
            case SELL -> towards(false, confidence, sizeFactor, current, equity, grossExposure, price);
        };
    }

    private Plan towards(boolean longSide, double confidence, double sizeFactor, Optional<Holding> current, double equity, double gross,
                         double price) {
        String side = longSide ? "long" : "short";
        if (current.isPresent() && current.get().longSide() == longSide) {
            return Plan.nothing("already " + side);
        }
        Optional<String> close = current.map(Holding::correlationId);
        double grossAfterClose = gross - current.map(Holding::notional).orElse(0.0);
        if (!longSide && !settings.allowShort()) {
            return close.isPresent() ? new Plan(close, Optional.empty(), "SELL closes the long (allow_short: false)")
                    : Plan.nothing("SELL with no long and allow_short: false");
        }
        double wanted = equity * settings.equityFraction() * confidence * sizeFactor;
        double perTicker = equity * settings.maxPositionFraction();
        double room = Math.max(0.0, equity * settings.maxGrossExposure() - grossAfterClose);
        double notional = Math.min(wanted, Math.min(perTicker, room));
        long shares = price > 0 ? (long) Math.floor(notional / price) : 0;
        String closing = close.isPresent() ? "close the " + (longSide ? "short" : "long") + ", " : "";
        if (shares < 1) {
            String why = room < wanted && room <= perTicker ? "no room under max_gross_exposure" : "the size rounds to 0 shares";
            return new Plan(close, Optional.empty(), closing + "no " + side + ": " + why);
        }
        return new Plan(close, Optional.of(new Plan.Opening(longSide, shares)),
                String.format(Locale.ROOT, "%sopen %s %d @ %.2f (notional %.2f of %.2f wanted)", closing, side, shares, price,
                        shares * price, wanted));
    }
}
