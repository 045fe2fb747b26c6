package dev.quorum.memory.recall;

import dev.quorum.envelope.Verdict;

import java.util.Locale;

/** Whether a verdict turned out right, as past situations are summarised to the agents. */
public enum OutcomeLabel {
    WIN,
    LOSS,
    FLAT;

    /**
     * BUY wins when the realised return beats {@code +flatBand}, SELL when it is below {@code -flatBand}
     * (and each loses on the opposite move); inside the band a trade is FLAT. HOLD wins when the market stayed
     * inside the band (standing aside was right) and loses when it moved out of it either way.
     */
    public static OutcomeLabel of(Verdict verdict, double realisedReturn, double flatBand) {
        if (!Double.isFinite(realisedReturn) || !(flatBand >= 0.0)) {
            throw new IllegalArgumentException("realised return " + realisedReturn + " and flat band " + flatBand
                    + " must be finite, the band >= 0");
        }
        boolean inside = Math.abs(realisedReturn) <= flatBand;
        return switch (verdict) {
            case BUY -> inside ? FLAT : realisedReturn > 0 ? WIN : LOSS;
            case SELL -> inside ? FLAT : realisedReturn < 0 ? WIN : LOSS;
            case HOLD -> inside ? WIN : LOSS;
        };
    }

    /** {@code win}, {@code loss}, {@code flat}: the stored metadata value. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static OutcomeLabel fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
