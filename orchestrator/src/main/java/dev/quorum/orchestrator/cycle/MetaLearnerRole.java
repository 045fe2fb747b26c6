package dev.quorum.orchestrator.cycle;

import dev.quorum.envelope.Verdict;
import dev.quorum.memory.metalearner.MetaLearnerStatus;
import dev.quorum.memory.metalearner.TrainingStep;
import dev.quorum.orchestrator.synthesis.SynthesisMethod;
import dev.quorum.orchestrator.synthesis.SynthesisVerdict;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Whether the meta-learner may move a decision. It earns that only with walk-forward validation skill, judged on its
 * predictions each made before the outcome it was then trained on, over its last {@value #MINIMUM_OUTCOMES}+ resolved
 * outcomes (the status's fit window): their R² must be above 0 (better than predicting the mean return) <em>and</em>,
 * since all it can do is veto on the sign of its prediction, the sign must be right more often than the base rate
 * (always calling the more frequent sign) with a one-sided exact binomial p below {@value #SIGN_P_VALUE}. A barely
 * positive R² alone is weak evidence: in the 2015-2022 development backtest it let the veto act on a fifth of the
 * decisions at R² about 0.015 and cost about 2.8 % a year. Otherwise the meta-learner is reported in {@code meta} but
 * inert. When active it can only veto: a BUY
 * while it predicts a negative return, or a SELL while it predicts a positive one, becomes HOLD at confidence 0
 * (acting against a model with proven skill is the risk; holding is the safe side). It never creates a trade.
 *
 * @param description for {@code meta.meta_learner_role}, e.g. {@code inert: validation R² -0.041 <= 0 over the last 100 outcomes}
 *                    or {@code active: validation R² 0.031 > 0, sign right 70 of 100 (base rate 55 %, p 0.001 < 0.05) ...}
 */
record MetaLearnerRole(boolean active, String description) {

    /** Resolved outcomes of validation the meta-learner needs before its skill is judged. */
    static final int MINIMUM_OUTCOMES = 50;

    static MetaLearnerRole of(Optional<MetaLearnerStatus> status) {
        if (status.isEmpty()) {
            return new MetaLearnerRole(false, "inert: no meta-learner");
        }
        MetaLearnerStatus s = status.get();
        if (s.rSquared() == null || s.window() < MINIMUM_OUTCOMES) {
            return new MetaLearnerRole(false, "inert: " + s.window() + " validation outcomes, " + MINIMUM_OUTCOMES + " needed");
        }
        double r2 = s.rSquared();
        if (r2 <= 0) {
            return new MetaLearnerRole(false, String.format(Locale.ROOT, "inert: validation R² %.3f <= 0 over the last %d outcomes",
                    r2, s.window()));
        }
        SignSkill sign = SignSkill.of(s.learningCurve().subList(Math.max(0, s.learningCurve().size() - s.window()),
                s.learningCurve().size()));
        boolean proven = sign.pValue() < SIGN_P_VALUE;
        return new MetaLearnerRole(proven, String.format(Locale.ROOT, "%s: validation R² %.3f > 0, sign right %d of %d (base rate %.0f %%, "
                        + "p %.3f %s %s) over the last %d outcomes", proven ? "active" : "inert", r2, sign.right(), sign.calls(),
                sign.baseRate() * 100, sign.pValue(), proven ? "<" : ">=", SIGN_P_VALUE, s.window()));
    }

    /** The one-sided level the sign's hit rate must beat the base rate at. */
    static final double SIGN_P_VALUE = 0.05;

    /**
     * How often the sign of the prediction matched the sign of the outcome (outcomes or predictions of exactly 0 name
     * no sign and are left out), against the base rate of always calling the more frequent sign.
     *
     * @param pValue P(X >= right) for X ~ Binomial(calls, baseRate): how likely a rate this good is from no skill
     */
    record SignSkill(int right, int calls, double baseRate, double pValue) {

        static SignSkill of(List<TrainingStep> steps) {
            int calls = 0;
            int right = 0;
            int up = 0;
            for (TrainingStep step : steps) {
                if (step.actual() == 0.0 || step.predicted() == 0.0) {
                    continue;
                }
                calls++;
                up += step.actual() > 0 ? 1 : 0;
                right += (step.actual() > 0) == (step.predicted() > 0) ? 1 : 0;
            }
            if (calls == 0) {
                return new SignSkill(0, 0, 0.5, 1.0);
            }
            double base = Math.max(up, calls - up) / (double) calls;
            return new SignSkill(right, calls, base, upperTail(right, calls, base));
        }

        /** P(X >= k), X ~ Binomial(n, p), summed exactly in logs (n is at most a few hundred). */
        static double upperTail(int k, int n, double p) {
            if (p >= 1.0) {
                return k <= n ? 1.0 : 0.0;
            }
            double[] logFactorial = new double[n + 1];
            for (int i = 1; i <= n; i++) {
                logFactorial[i] = logFactorial[i - 1] + Math.log(i);
            }
            double tail = 0.0;
            for (int x = k; x <= n; x++) {
                tail += Math.exp(logFactorial[n] - logFactorial[x] - logFactorial[n - x] + x * Math.log(p) + (n - x) * Math.log1p(-p));
            }
            return Math.min(1.0, tail);
        }
    }

    /** The verdict after the meta-learner's veto, when it is active and predicts the other way; else {@code verdict}. */
    SynthesisVerdict apply(SynthesisVerdict verdict, OptionalDouble prediction) {
        if (!active || prediction.isEmpty()) {
            return verdict;
        }
        double p = prediction.getAsDouble();
        boolean against = (verdict.verdict() == Verdict.BUY && p < 0) || (verdict.verdict() == Verdict.SELL && p > 0);
        if (!against) {
            return verdict;
        }
        return new SynthesisVerdict(Verdict.HOLD, 0.0, String.format(Locale.ROOT,
                "Held: the meta-learner (%s) predicts a %+.2f%% return against %s.", description, p * 100, verdict.verdict()),
                SynthesisMethod.Step.META_LEARNER, verdict.telemetry());
    }
}
