package dev.quorum.orchestrator.cycle;

import dev.quorum.envelope.Verdict;
import dev.quorum.memory.metalearner.MetaLearnerStatus;
import dev.quorum.orchestrator.synthesis.SynthesisVerdict;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Whether the meta-learner may move a decision. It earns that only with positive walk-forward validation skill: the
 * R² of its predictions, each made before the outcome it was then trained on, over its last
 * {@value #MINIMUM_OUTCOMES}+ resolved outcomes (the status's fit window), must be above 0, i.e. better than
 * predicting the mean return. Otherwise it is reported in {@code meta} but inert. When active it can only veto: a BUY
 * while it predicts a negative return, or a SELL while it predicts a positive one, becomes HOLD at confidence 0
 * (acting against a model with proven skill is the risk; holding is the safe side). It never creates a trade.
 *
 * @param description for {@code meta.meta_learner_role}, e.g. {@code inert: validation R² -0.041 <= 0 over the last 100 outcomes}
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
        String fit = String.format(Locale.ROOT, "validation R² %.3f %s over the last %d outcomes", r2, r2 > 0 ? "> 0" : "<= 0", s.window());
        return new MetaLearnerRole(r2 > 0, (r2 > 0 ? "active: " : "inert: ") + fit);
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
                "meta-learner", verdict.telemetry());
    }
}
