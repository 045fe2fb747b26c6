package dev.quorum.agents.prompts;

import dev.quorum.agents.features.FeatureKeys;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The placeholder names a prompt file may use: a typo in a name is caught when the file is loaded, not rendered as "n/a". */
public final class PromptVocabulary {

    public static final String TICKER = "ticker";
    public static final String TRADE_DATE = "trade_date";
    /** The fenced news block (always present; says so when there is no news). */
    public static final String NEWS = "news";
    /** The fenced similar-past-situations block; absent when memory recalled nothing. */
    public static final String SIMILAR_SITUATIONS = "similar_situations";
    /**
     * Synthesis only: one line per agent vote (agent, signal, confidence, trust weight), then the agents' summaries
     * and key factors in a fenced {@code <<<SUMMARIES} block (model output: data), filled by the orchestrator.
     */
    public static final String AGENT_SIGNALS = "agent_signals";
    /** Synthesis only: the weighted ensemble (score and what it implies), filled by the orchestrator. */
    public static final String CONSENSUS = "consensus";

    /** Synthesis only: the inputs the specialists saw as "n/a" and the agents that abstained, or "none". */
    public static final String MISSING_INPUTS = "missing_inputs";

    private static final List<String> BUILT_IN = List.of(TICKER, TRADE_DATE, NEWS, SIMILAR_SITUATIONS, AGENT_SIGNALS,
            CONSENSUS, MISSING_INPUTS);

    private PromptVocabulary() {
    }

    private static final Set<String> NAMES = names();

    /** The built-in names plus every feature key of {@link FeatureKeys#ALL}. */
    public static Set<String> all() {
        return NAMES;
    }

    private static Set<String> names() {
        Set<String> names = new TreeSet<>(BUILT_IN);
        names.addAll(FeatureKeys.ALL);
        return Collections.unmodifiableSet(names);
    }
}
