package dev.quorum.memory.trust;

import java.util.List;

/** The trust policies by their configuration names. */
public final class TrustPolicies {

    /** The policy used when the configuration names none. */
    public static final String DEFAULT = "beta-log-odds";

    private static final List<TrustPolicy> ALL = List.of(new BetaLogOddsPolicy(), new OutcomeEmaPolicy(), new WinRatePolicy(),
            new ConsensusAgreementPolicy(), new CorrectnessStepPolicy(), new EqualWeightPolicy());

    private TrustPolicies() {
    }

    /** Every policy's configuration name. */
    public static List<String> names() {
        return ALL.stream().map(TrustPolicy::name).toList();
    }

    /** @throws IllegalArgumentException naming the unknown policy and the known ones */
    public static TrustPolicy byName(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown trust policy '" + name + "'; known: " + String.join(", ", names())));
    }
}
