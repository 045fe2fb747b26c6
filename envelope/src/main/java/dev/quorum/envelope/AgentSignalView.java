package dev.quorum.envelope;

import java.util.List;

/**
 * One specialist's signal as consumers see it. The envelope builder cuts {@code summary} to
 * {@link #SUMMARY_LIMIT} characters and {@code keyFactors} to {@link #KEY_FACTORS_LIMIT} entries; a
 * decoded envelope from another publisher is taken as it is.
 *
 * @param confidence in [0, 1]
 */
public record AgentSignalView(String agent, String domain, Direction signal, double confidence,
                              String summary, List<String> keyFactors) {

    public static final int SUMMARY_LIMIT = 300;
    public static final int KEY_FACTORS_LIMIT = 10;

    public AgentSignalView {
        WireRules.present("agent", agent);
        WireRules.present("domain", domain);
        WireRules.present("signal", signal);
        WireRules.unitInterval("confidence", confidence);
        WireRules.present("summary", summary);
        WireRules.present("key_factors", keyFactors);
        for (int i = 0; i < keyFactors.size(); i++) {
            WireRules.present("key_factors[" + i + "]", keyFactors.get(i));
        }
        keyFactors = List.copyOf(keyFactors);
    }
}
