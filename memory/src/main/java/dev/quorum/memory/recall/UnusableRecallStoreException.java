package dev.quorum.memory.recall;

import dev.quorum.memory.store.FileInTheWay;

import java.nio.file.Path;

/**
 * A file of the embedded recall store (the index, its journal, the pending-indexing queue) cannot be used: it is not
 * what Quorum wrote there (corrupt, truncated, another program's) or it cannot be where it is (a parent is a file).
 * The file is left exactly as it was found: it may hold the only copy of what was learned. The message is one line,
 * {@code <file>: <problem>}, so every command prints it as it is (a parser's own message keeps only its first line:
 * Jackson adds a second with the source position).
 */
public final class UnusableRecallStoreException extends IllegalStateException {

    private final Path file;

    public UnusableRecallStoreException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem + (cause == null ? "" : ": " + firstLine(cause)), cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /**
     * Refuses {@code file} when the nearest of its parents that exists is not a directory (a {@code data_dir} that is
     * a file): nothing could ever be stored there.
     */
    static void refuseFileAsParent(Path file) {
        FileInTheWay.of(file).ifPresent(inTheWay -> {
            throw new UnusableRecallStoreException(file, inTheWay + " is not a directory", null);
        });
    }

    /** The first line of the innermost message: wrappers (langchain4j's) repeat it behind the exception's class name. */
    private static String firstLine(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            return root.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse("").strip();
    }
}
