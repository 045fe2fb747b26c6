package dev.quorum.memory.trust;

import dev.quorum.envelope.Direction;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an agent has proven about direction, learned from its scored directional calls (BULLISH or BEARISH; a
 * NEUTRAL call names no direction and teaches nothing here). A call is right when the realised return has its sign.
 *
 * <pre>
 *   a directional call's share s = 1 / n and novelty v = min(g, H) / H                               ({@link SessionEvidence})
 *   per directional call:      r &lt;- lambda^s r + s v [right],   w &lt;- lambda^s w + s v [wrong]   (lambda = 0.995)
 *   posterior of the accuracy: Beta(alpha, beta), alpha = PRIOR + r, beta = PRIOR + w               (PRIOR = 5)
 *   accuracy                   p = alpha / (alpha + beta)
 *   log-odds                   ln(p / (1 - p))
 * </pre>
 * Outcomes that share a market move are not independent observations. Counted one by one, a single rally over a
 * watchlist of twenty "proved" an agent right twenty times (a backtest over six tickers published calibrated
 * probabilities of 0.9 that were right 59 % of the time after one bull week), and the same persistent call, scored on
 * five overlapping 5-session windows, proved it five times over one move. So the calls of one trade date share one
 * session (s), and a session adds only the part of its outcome window the agent's previous session did not cover (v):
 * deciding every session, r + w grows by about one observation per H sessions. The forgetting is per session
 * (lambda^s), so the evidence remembers about the last 200 sessions whatever the watchlist's size.
 * The evidence also gives a calibration map from stated confidence to accuracy: the same evidence split into {@value #BINS} confidence
 * bins of width 0.2, each bin's accuracy shrunk toward the agent's overall {@code p} with {@value #CALIBRATION_PRIOR}
 * pseudo-observations, {@code p_k = (r_k + K p) / (r_k + w_k + K)}, then made non-decreasing in confidence by pooling
 * adjacent violators (isotonic regression weighted by {@code r_k + w_k + K}). With no evidence every bin is 0.5.
 *
 * <p>What a vote counts with when the pooling is calibrated ({@link #pooledConfidence}): the stated confidence read
 * as the probability of being right, mapped through the calibration map and shrunk toward what was stated with
 * {@value #STATED_PRIOR} pseudo-observations, {@code c' = (n p_k + S c) / (n + S)}, {@code n = r + w}: an agent with no
 * evidence is taken at its word, one with a record is taken at its record.
 *
 * @param right            forgotten evidence of right directional calls (in observations, {@link SessionEvidence})
 * @param wrong            forgotten evidence of wrong directional calls (in observations)
 * @param binRight         per confidence bin, forgotten evidence of right calls
 * @param binWrong         per confidence bin, forgotten evidence of wrong calls
 * @param directionalCalls directional calls counted, unforgotten
 */
public record AgentSkill(String agent, double right, double wrong, List<Double> binRight, List<Double> binWrong,
                         long directionalCalls) {

    /**
     * Beta prior pseudo-counts on each side: a new agent is a coin flip worth ten observations (about 50 daily sessions).
     * Beta(5, 5) holds 90 % of an agent's accuracy on the sign of a few sessions' return within [0.25, 0.75], where
     * such skill lies; Beta(2, 2) (until 2026-12) allowed [0.14, 0.86], and a few weeks of a rally made the bullish
     * agents' records look like skill. Chosen among 2, 5 and 10: the strongest prior under which the planted-skill
     * acceptance still holds (README "Memory and learning").
     */
    public static final double PRIOR = 5.0;
    /** Evidence kept per session: an effective memory of 1 / (1 - 0.995) = 200 sessions of directional calls. */
    public static final double FORGETTING = 0.995;
    /** Confidence bins of the calibration map. */
    public static final int BINS = 5;
    /** Pseudo-observations at the agent's overall accuracy each calibration bin starts from. */
    public static final double CALIBRATION_PRIOR = 10.0;
    /**
     * Pseudo-observations at the stated confidence the pooled confidence starts from: two observations are about ten
     * sessions of daily calls, so a fortnight of outcomes gives the record about half the say and a year's about 93 %.
     */
    public static final double STATED_PRIOR = 2.0;

    public AgentSkill {
        Objects.requireNonNull(agent, "agent");
        binRight = List.copyOf(binRight);
        binWrong = List.copyOf(binWrong);
        if (binRight.size() != BINS || binWrong.size() != BINS) {
            throw new IllegalArgumentException("calibration of " + agent + " needs " + BINS + " bins");
        }
        if (!(right >= 0) || !(wrong >= 0)) {
            throw new IllegalArgumentException("evidence of " + agent + " must be >= 0");
        }
    }

    /** An agent with no directional call scored yet. */
    public static AgentSkill none(String agent) {
        List<Double> zeros = java.util.Collections.nCopies(BINS, 0.0);
        return new AgentSkill(agent, 0.0, 0.0, zeros, zeros, 0);
    }

    /**
     * This skill with one more scored call learned from (unchanged for a NEUTRAL call).
     *
     * @param evidence what the call is worth: its share of its session, and the session's novelty
     */
    public AgentSkill after(ScoredCall call, SessionEvidence evidence) {
        if (call.signal() == Direction.NEUTRAL) {
            return this;
        }
        double e = evidence.weight();
        boolean isRight = call.isWin();
        int bin = bin(call.confidence());
        double kept = Math.pow(FORGETTING, evidence.share());
        List<Double> r = new ArrayList<>(BINS);
        List<Double> w = new ArrayList<>(BINS);
        for (int k = 0; k < BINS; k++) {
            r.add(kept * binRight.get(k) + (k == bin && isRight ? e : 0));
            w.add(kept * binWrong.get(k) + (k == bin && !isRight ? e : 0));
        }
        return new AgentSkill(agent, kept * right + (isRight ? e : 0), kept * wrong + (isRight ? 0 : e),
                r, w, directionalCalls + 1);
    }

    public double alpha() {
        return PRIOR + right;
    }

    public double beta() {
        return PRIOR + wrong;
    }

    /** The posterior mean of the directional accuracy. */
    public double accuracy() {
        return alpha() / (alpha() + beta());
    }

    /** {@code ln(p / (1 - p))} of the posterior mean: 0 for a coin flip, negative for an agent more often wrong. */
    public double logOdds() {
        double p = accuracy();
        return Math.log(p / (1.0 - p));
    }

    /** The calibrated probability that a directional call at this stated confidence is right. */
    public double calibrated(double confidence) {
        return calibrationMap()[bin(confidence)];
    }

    /**
     * The confidence a directional call at this stated confidence counts with under calibrated pooling:
     * {@code (n calibrated(c) + STATED_PRIOR c) / (n + STATED_PRIOR)} with {@code n = right + wrong}, the agent's
     * (forgotten) directional evidence in observations. No evidence: {@code c} unchanged (cold start as under stated pooling).
     */
    public double pooledConfidence(double confidence) {
        double n = right + wrong;
        return (n * calibrated(confidence) + STATED_PRIOR * confidence) / (n + STATED_PRIOR);
    }

    /** Per bin, the calibrated accuracy (non-decreasing in confidence). */
    public double[] calibrationMap() {
        double p = accuracy();
        double[] value = new double[BINS];
        double[] weight = new double[BINS];
        for (int k = 0; k < BINS; k++) {
            double n = binRight.get(k) + binWrong.get(k);
            value[k] = (binRight.get(k) + CALIBRATION_PRIOR * p) / (n + CALIBRATION_PRIOR);
            weight[k] = n + CALIBRATION_PRIOR;
        }
        return isotonic(value, weight);
    }

    /** Pool-adjacent-violators: the weighted least-squares non-decreasing fit. */
    static double[] isotonic(double[] value, double[] weight) {
        int n = value.length;
        double[] blockValue = new double[n];
        double[] blockWeight = new double[n];
        int[] blockSize = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            blockValue[blocks] = value[i];
            blockWeight[blocks] = weight[i];
            blockSize[blocks] = 1;
            blocks++;
            while (blocks > 1 && blockValue[blocks - 2] > blockValue[blocks - 1]) {
                double w = blockWeight[blocks - 2] + blockWeight[blocks - 1];
                blockValue[blocks - 2] = (blockValue[blocks - 2] * blockWeight[blocks - 2] + blockValue[blocks - 1] * blockWeight[blocks - 1]) / w;
                blockWeight[blocks - 2] = w;
                blockSize[blocks - 2] += blockSize[blocks - 1];
                blocks--;
            }
        }
        double[] fit = new double[n];
        int i = 0;
        for (int b = 0; b < blocks; b++) {
            for (int j = 0; j < blockSize[b]; j++) {
                fit[i++] = blockValue[b];
            }
        }
        return fit;
    }

    static int bin(double confidence) {
        return Math.min(BINS - 1, (int) Math.floor(confidence * BINS));
    }
}
