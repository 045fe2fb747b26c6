package dev.quorum.memory.recall;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Formats recalled situations into the block agents and synthesis receive in their prompts
 * ({@code AgentInput.similarSituations}): one line per situation, most similar first, outcome stated plainly.
 */
public final class SimilarSituationsBlock {

    private SimilarSituationsBlock() {
    }

    /** The block, or the empty string when nothing was recalled (prompts then omit the section). */
    public static String format(List<RecalledSituation> recalled, LocalDate asOf) {
        if (recalled.isEmpty()) {
            return "";
        }
        StringBuilder block = new StringBuilder("Similar past situations (outcomes known by ").append(asOf)
                .append(", most similar first):\n");
        for (int i = 0; i < recalled.size(); i++) {
            RecalledSituation r = recalled.get(i);
            block.append(String.format(Locale.ROOT, "%d. [similarity %.2f] %s -> %s, realised %+.1f%% by %s\n",
                    i + 1, r.similarity(), r.description(), r.outcome(), r.realisedReturn() * 100, r.knownAt()));
        }
        return block.toString();
    }
}
