package dev.quorum.agents.prompts;

import java.nio.file.Path;

/** A prompt file that cannot be used: the message names the file, the line and what is wrong. */
public final class PromptTemplateException extends Exception {

    private final Path file;
    private final int line;

    public PromptTemplateException(Path file, int line, String problem) {
        super(file + (line > 0 ? " line " + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based; 0 when the problem is not on one line (file missing, unreadable). */
    public int line() {
        return line;
    }
}
