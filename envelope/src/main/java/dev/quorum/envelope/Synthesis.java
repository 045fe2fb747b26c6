package dev.quorum.envelope;

/**
 * The synthesis step's final call.
 *
 * @param confidence    in [0, 1]
 * @param ensembleScore the trust-weighted vote in [-1, 1]: -1 all bearish, +1 all bullish
 */
public record Synthesis(Verdict verdict, double confidence, double ensembleScore, String reasoning) {

    public Synthesis {
        WireRules.present("verdict", verdict);
        WireRules.unitInterval("confidence", confidence);
        WireRules.signedUnitInterval("ensemble_score", ensembleScore);
        WireRules.present("reasoning", reasoning);
    }
}
