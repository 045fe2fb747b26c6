package dev.quorum.orchestrator.backtest.metrics;

import java.util.List;

/**
 * How often directional calls got the sign of the realised return right, beside what needs no skill. A long call
 * (BUY, BULLISH) is right when the return over its outcome window is above 0, a short call (SELL, BEARISH) when it
 * is below 0; flat calls (HOLD, NEUTRAL) are not scored for direction but by the move they sat out. No tolerance
 * band: 50 % is a coin flip.
 *
 * @param accuracy       right long and short calls / long and short calls, with a 95 % Wilson interval
 * @param coverage       long and short calls / all calls (the share acted on); null without calls
 * @param alwaysLong     the accuracy of calling every case long: the share of all cases whose return was above 0
 * @param randomSameMix  the expected accuracy of the same numbers of long and short calls dealt at random among all
 *                       cases: (longs x up share + shorts x down share) / (longs + shorts), exact, no simulation
 * @param flatMeanAbsMove mean |return| of the cases called flat (the move sat out); null without flat calls
 * @param meanAbsMove    mean |return| of all cases, to read {@code flatMeanAbsMove} against
 */
public record Directional(long calls, long longs, long shorts, long flats, HitRate longAccuracy, HitRate shortAccuracy,
                          HitRate accuracy, Double coverage, Double alwaysLong, Double randomSameMix,
                          Double flatMeanAbsMove, Double meanAbsMove) {

    /** One call: +1 long, -1 short, 0 flat, and the realised return of its outcome window. */
    public record Call(int position, double realizedReturn) {
    }

    /** Whether a long or short call got the sign right (false for a flat call). */
    public static boolean right(int position, double realizedReturn) {
        return position * realizedReturn > 0;
    }

    public static Directional of(List<Call> calls) {
        long longs = 0;
        long shorts = 0;
        long longRight = 0;
        long shortRight = 0;
        long ups = 0;
        long downs = 0;
        double flatMove = 0.0;
        double allMove = 0.0;
        for (Call c : calls) {
            double r = c.realizedReturn();
            ups += r > 0 ? 1 : 0;
            downs += r < 0 ? 1 : 0;
            allMove += Math.abs(r);
            if (c.position() > 0) {
                longs++;
                longRight += r > 0 ? 1 : 0;
            } else if (c.position() < 0) {
                shorts++;
                shortRight += r < 0 ? 1 : 0;
            } else {
                flatMove += Math.abs(r);
            }
        }
        long n = calls.size();
        long flats = n - longs - shorts;
        long acted = longs + shorts;
        return new Directional(n, longs, shorts, flats, HitRate.of(longRight, longs), HitRate.of(shortRight, shorts),
                HitRate.of(longRight + shortRight, acted), n == 0 ? null : (double) acted / n,
                n == 0 ? null : (double) ups / n,
                acted == 0 ? null : (longs * ((double) ups / n) + shorts * ((double) downs / n)) / acted,
                flats == 0 ? null : flatMove / flats, n == 0 ? null : allMove / n);
    }
}
