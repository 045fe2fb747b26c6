package dev.quorum.envelope.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Doubles written exactly as the Python side writes them, so Java output is byte-identical on the wire.
 *
 * <p>Both Python forms start from the same digits: the shortest decimal that reads back as the same
 * double (nearest one when two qualify). They differ only in layout: {@code repr()}/{@code str()} switches
 * to exponent notation below 1e-4 and pads the exponent to two digits ({@code 1e-05}); pydantic 2's JSON
 * stays positional down to 1e-5 and does not pad ({@code 0.00001}, {@code 1e-6}). Both use exponents from
 * 1e16 up ({@code 1e+16}). JDK 17's {@link Double#toString} is not always shortest, hence the own search.
 */
public final class PythonFloat {

    private PythonFloat() {
    }

    /** Python's {@code str(x)} / {@code repr(x)}, e.g. {@code 0.72}, {@code 1.0}, {@code 1e-05}, {@code 1e+16}. */
    public static String repr(double value) {
        return format(value, -5, true);
    }

    /** What pydantic 2's {@code model_dump_json()} writes for a float, e.g. {@code 0.00001}, {@code 1e-6}, {@code 1e+16}. */
    public static String pydanticJson(double value) {
        return format(value, -6, false);
    }

    private static String format(double value, int largestSmallExponent, boolean padExponent) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("NaN and Infinity have no representation on the wire, got " + value);
        }
        if (value == 0.0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortest(Math.abs(value));
        String digits = shortest.unscaledValue().toString();
        return layout(value < 0 ? "-" : "", digits, digits.length() - shortest.scale() - 1, largestSmallExponent, padExponent);
    }

    /**
     * {@link #repr} of the float that {@link #pydanticJson} wrote as {@code text}: the same digits laid out again,
     * without the search for them ({@link #repr} of a parsed double costs a few microseconds of big-integer division).
     * Only for text {@link #pydanticJson} wrote: its digits are already the shortest.
     *
     * @throws IllegalArgumentException when {@code text} is not a JSON number
     */
    public static String reprOfPydanticJson(String text) {
        int at = 0;
        String sign = "";
        if (text.startsWith("-")) {
            sign = "-";
            at = 1;
        }
        StringBuilder digits = new StringBuilder(17);
        int pointAt = -1;
        int end = at;
        for (; end < text.length(); end++) {
            char c = text.charAt(end);
            if (c == '.' && pointAt < 0) {
                pointAt = digits.length();
            } else if (c >= '0' && c <= '9') {
                digits.append(c);
            } else {
                break;
            }
        }
        int exponent = 0;
        if (end < text.length()) {
            if ((text.charAt(end) != 'e' && text.charAt(end) != 'E') || end + 1 == text.length()) {
                throw new IllegalArgumentException("not a JSON number: " + text);
            }
            try {
                exponent = Integer.parseInt(text.substring(end + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a JSON number: " + text, e);
            }
        }
        if (digits.length() == 0) {
            throw new IllegalArgumentException("not a JSON number: " + text);
        }
        // digits d1 d2 ... with the point after position pointAt: the first digit's place is pointAt - 1 (+ exponent).
        int place = (pointAt < 0 ? digits.length() : pointAt) - 1 + exponent;
        int first = 0;
        while (first < digits.length() && digits.charAt(first) == '0') {
            first++;
        }
        if (first == digits.length()) {
            return sign + "0.0";
        }
        int last = digits.length();
        while (digits.charAt(last - 1) == '0') {
            last--;
        }
        return layout(sign, digits.substring(first, last), place - first, -5, true);
    }

    /** {@code digits} (significant, no trailing zeros) with the first in the 10^{@code exponent} place, laid out. */
    private static String layout(String sign, String digits, int exponent, int largestSmallExponent, boolean padExponent) {
        if (exponent <= largestSmallExponent || exponent >= 16) {
            return sign + scientific(digits, exponent, padExponent);
        }
        return sign + positional(digits, exponent);
    }

    /**
     * The shortest decimal that parses back to {@code value} (positive, finite), trailing zeros stripped.
     *
     * <p>Whether some p-digit decimal reads back as {@code value} is monotone in p (a fitting p-digit decimal is also
     * a fitting (p+1)-digit one), and {@link Double#toString} always reads back, so its digit count n is an upper
     * bound: JDK 17's is usually the shortest, sometimes a digit or more longer. So try n - 1 first (it usually
     * does not fit, and n is the answer), and search below it only when it does. Each try divides big integers:
     * this keeps a float at two tries instead of up to seventeen (encoding envelopes was bound by it).
     */
    private static BigDecimal shortest(double value) {
        BigDecimal exact = new BigDecimal(value);
        int upper = Math.min(17, significantDigits(Double.toString(value)));
        int precision = upper;
        if (upper > 1 && fitting(exact, value, upper - 1) != null) {
            int low = 1;
            int high = upper - 1;                  // fits
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (fitting(exact, value, mid) != null) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            precision = high;
        }
        BigDecimal found = precision < 17 ? fitting(exact, value, precision) : null;
        return found != null ? found.stripTrailingZeros()
                : exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /** The {@code precision}-digit decimal that reads back as {@code value} (the nearer when two do), or null. */
    private static BigDecimal fitting(BigDecimal exact, double value, int precision) {
        BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
        BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
        boolean downFits = down.doubleValue() == value;
        boolean upFits = up.doubleValue() == value;
        if (downFits && upFits) {
            return nearer(exact, down, up, precision);
        }
        return downFits ? down : upFits ? up : null;
    }

    /** The significant digits of {@link Double#toString}'s text, e.g. 3 for {@code 1.25E-7}, 1 for {@code 100.0}. */
    private static int significantDigits(String text) {
        int end = text.indexOf('E');
        String mantissa = (end < 0 ? text : text.substring(0, end)).replace(".", "");
        int first = 0;
        while (first < mantissa.length() - 1 && mantissa.charAt(first) == '0') {
            first++;
        }
        int last = mantissa.length();
        while (last > first + 1 && mantissa.charAt(last - 1) == '0') {
            last--;
        }
        return last - first;
    }

    private static BigDecimal nearer(BigDecimal exact, BigDecimal down, BigDecimal up, int precision) {
        int cmp = exact.subtract(down).compareTo(up.subtract(exact));
        if (cmp != 0) {
            return cmp < 0 ? down : up;
        }
        return exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
    }

    private static String scientific(String digits, int exponent, boolean padExponent) {
        StringBuilder out = new StringBuilder(digits.substring(0, 1));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (padExponent && magnitude < 10) {
            out.append('0');
        }
        return out.append(magnitude).toString();
    }

    private static String positional(String digits, int exponent) {
        if (exponent < 0) {
            return "0." + "0".repeat(-exponent - 1) + digits;
        }
        int integerDigits = exponent + 1;
        if (digits.length() <= integerDigits) {
            return digits + "0".repeat(integerDigits - digits.length()) + ".0";
        }
        return digits.substring(0, integerDigits) + "." + digits.substring(integerDigits);
    }
}
