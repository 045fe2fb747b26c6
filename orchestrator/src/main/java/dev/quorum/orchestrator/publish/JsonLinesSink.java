package dev.quorum.orchestrator.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends each envelope as one line to a file: where {@code demo} publishes when no Redis answers, so it runs on a
 * machine with nothing but Java. Each line is the exact stream payload a consumer would have read.
 */
public final class JsonLinesSink implements EnvelopeSink {

    private final Path file;

    public JsonLinesSink(Path file) {
        this.file = file;
    }

    @Override
    public String describe() {
        return "JSON lines file " + file;
    }

    @Override
    public synchronized String publish(String correlationId, String envelopeJson) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, envelopeJson + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            return "file:" + file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }
}
