package dev.quorum.envelope;

import java.util.Objects;

/** The v1 bounds, checked where each record is built so no invalid envelope can exist in memory. */
final class WireRules {

    private WireRules() {
    }

    static double unitInterval(String field, double value) {
        return within(field, value, 0.0, 1.0);
    }

    static double signedUnitInterval(String field, double value) {
        return within(field, value, -1.0, 1.0);
    }

    static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidEnvelopeException(field, "must be a finite number, got " + value);
        }
        return value;
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidEnvelopeException(field, "is required");
        }
        return value;
    }

    static String equalTo(String field, String expected, String actual) {
        if (!Objects.equals(expected, actual)) {
            throw new InvalidEnvelopeException(field, "must be \"" + expected + "\", got " + quoted(actual));
        }
        return actual;
    }

    private static double within(String field, double value, double min, double max) {
        finite(field, value);
        if (value < min || value > max) {
            throw new InvalidEnvelopeException(field, "must be within [" + (int) min + ", " + (int) max + "], got " + value);
        }
        return value;
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "\"" + value + "\"";
    }
}
