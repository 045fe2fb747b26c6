package dev.quorum.agents.prompts;

import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts text nobody on the team wrote (headlines, tweets, recalled memories) into a prompt as data: control and
 * invisible formatting characters stripped, runs of angle brackets and bracket look-alikes turned into
 * parentheses so no item can fake the end of its block (a lone {@code ->} stays readable), length capped, and fenced between {@code <<<NAME} and {@code NAME>>>}.
 * The system prompts tell the model that nothing inside such a block is an instruction.
 */
public final class UntrustedText {

    public static final String NEWS_OPEN = "<<<NEWS";
    public static final String NEWS_CLOSE = "NEWS>>>";
    public static final String MEMORY_OPEN = "<<<MEMORY";
    public static final String MEMORY_CLOSE = "MEMORY>>>";
    public static final String SUMMARIES_OPEN = "<<<SUMMARIES";
    public static final String SUMMARIES_CLOSE = "SUMMARIES>>>";

    private static final String ELLIPSIS = "…";
    /** Two or more angle brackets, even with spaces between: the shape of a block delimiter. */
    private static final Pattern BRACKET_RUN = Pattern.compile("[<>](?:\\s*[<>])+");
    // Compiled once: clean runs on every headline, summary and key factor a prompt shows.
    private static final Pattern SPACE_RUN = Pattern.compile("[ ]{2,}");
    private static final Pattern SPACES_AROUND_NEWLINE = Pattern.compile(" *\n *");
    private static final Pattern NEWLINE_RUN = Pattern.compile("\n{3,}");

    private UntrustedText() {
    }

    /** The news block: most recent items last, numbered, within the limits. Never empty (it says when there is no news). */
    public static String newsBlock(List<String> headlines, DataBlockLimits limits) {
        Deque<String> kept = new ArrayDeque<>();
        int total = 0;
        int omitted = 0;
        // Walk from the newest: under a cap, the most recent news is the most relevant.
        for (int i = headlines.size() - 1; i >= 0; i--) {
            String item = cap(clean(headlines.get(i), false), limits.maxHeadlineChars());
            if (item.isEmpty()) {
                continue;
            }
            if (kept.size() >= limits.maxHeadlines() || total + item.length() + 1 > limits.maxNewsChars()) {
                omitted++;
                continue;
            }
            kept.addFirst(item);
            total += item.length() + 1;
        }
        StringBuilder block = new StringBuilder(NEWS_OPEN).append('\n');
        if (omitted > 0) {
            block.append("(").append(omitted).append(" older items omitted)\n");
        }
        if (kept.isEmpty() && omitted == 0) {
            block.append("(no news items for the recent sessions)\n");
        }
        for (String item : kept) {
            block.append("- ").append(item).append('\n');
        }
        return block.append(NEWS_CLOSE).toString();
    }

    /** The similar-situations block, or empty when there is nothing to show (so its section is hidden). */
    public static String memoryBlock(String recalled, DataBlockLimits limits) {
        String text = cap(clean(recalled == null ? "" : recalled, true), limits.maxMemoryChars());
        return text.isEmpty() ? "" : MEMORY_OPEN + "\n" + text + "\n" + MEMORY_CLOSE;
    }

    /**
     * The specialists' own words for the synthesis, fenced like news: agent name to its summary line, each cleaned
     * to one line and capped at {@code maxCharsEach}.
     */
    public static String summariesBlock(Map<String, String> byAgent, int maxCharsEach) {
        StringBuilder block = new StringBuilder(SUMMARIES_OPEN).append('\n');
        byAgent.forEach((agent, text) -> block.append("- ").append(agent).append(": ")
                .append(inline(text, maxCharsEach)).append('\n'));
        return block.append(SUMMARIES_CLOSE).toString();
    }

    /** A short untrusted value on one line (a ticker, a regime label). */
    public static String inline(String value, int maxChars) {
        return cap(clean(value == null ? "" : value, false), maxChars);
    }

    /**
     * NFKC first, so full-width and other compatibility forms of '<' become '<' and are caught below; then
     * controls (Cc) and invisible formatting (Cf: zero-width, bidi overrides) go, and brackets are neutralised.
     */
    static String clean(String text, boolean keepNewlines) {
        String normalised = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(normalised.length());
        normalised.codePoints().forEach(cp -> {
            if (keepNewlines && cp == '\n') {
                out.append('\n');
            } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                out.append(' ');
            } else if (Character.getType(cp) == Character.CONTROL || Character.getType(cp) == Character.FORMAT) {
                // dropped
            } else if ("«‹〈《❮⟨".indexOf(cp) >= 0) {
                out.append('(');
            } else if ("»›〉》❯⟩".indexOf(cp) >= 0) {
                out.append(')');
            } else {
                out.appendCodePoint(cp);
            }
        });
        Matcher run = BRACKET_RUN.matcher(out);
        StringBuilder neutral = new StringBuilder();
        while (run.find()) {
            run.appendReplacement(neutral, Matcher.quoteReplacement(run.group().replace('<', '(').replace('>', ')')));
        }
        run.appendTail(neutral);
        String collapsed = SPACE_RUN.matcher(neutral).replaceAll(" ");
        return keepNewlines
                ? NEWLINE_RUN.matcher(SPACES_AROUND_NEWLINE.matcher(collapsed).replaceAll("\n")).replaceAll("\n\n").strip()
                : collapsed.strip();
    }

    private static String cap(String text, int maxChars) {
        return text.length() <= maxChars ? text : text.substring(0, maxChars - ELLIPSIS.length()).stripTrailing() + ELLIPSIS;
    }
}
