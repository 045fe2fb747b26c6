package dev.quorum.envelope.json;

/**
 * Text from the stream made safe to print on a terminal or in a log line. Anything another publisher wrote may
 * carry control characters: an ESC sequence that clears the screen or recolours it, a carriage return or newline
 * that forges an output line, a C1 control, a bidirectional override that reorders what the reader sees. Each
 * becomes a visible {@code \\uXXXX} escape; everything else, non-ASCII letters included, is printed as is.
 */
public final class PrintableText {

    private PrintableText() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(c)) {
                if (safe == null) {
                    safe = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                safe.append(String.format("\\u%04x", (int) c));
            } else if (safe != null) {
                safe.append(c);
            }
        }
        return safe == null ? text : safe.toString();
    }

    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f;
    }
}
