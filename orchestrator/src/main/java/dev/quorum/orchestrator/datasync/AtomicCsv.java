package dev.quorum.orchestrator.datasync;

import dev.quorum.agents.market.MarketDataException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Replaces a CSV file so that a reader, or a sync killed at any instant, only ever sees the old file or the new one:
 * the content is written and flushed to disk as {@code <name>.sync-<n>.partial} in the same directory, read back
 * by {@code validate} (the point-in-time layer's own reader, so nothing it would reject is ever installed), and
 * renamed over the file. A {@code .partial} left by a killed sync never matches {@code *.csv} and is removed by the
 * next sync ({@link #removeLeftovers}).
 */
final class AtomicCsv {

    private static final String SUFFIX = ".partial";

    private AtomicCsv() {
    }

    /**
     * @param validate throws (e.g. a {@link dev.quorum.agents.market.MarketDataException}) when the written file is
     *                 not valid; then the file is left as it was
     */
    static void replace(Path file, String content, Consumer<Path> validate) {
        Path directory = file.toAbsolutePath().getParent();
        Path temp = directory.resolve(file.getFileName() + ".sync-" + ProcessHandle.current().pid() + SUFFIX);
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            validate.accept(temp);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        } catch (MarketDataException e) {
            deleteQuietly(temp);
            // The reader names the temporary file, which is gone now: name the file the content was meant for.
            throw new MarketDataException(e.getMessage().replace(temp.toString(), file + " as synced (not written)"), e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /** Removes the {@code .partial} files a killed sync left in {@code directory}. */
    static void removeLeftovers(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(directory, "*.sync-*" + SUFFIX)) {
            partials.forEach(AtomicCsv::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException(directory + ": cannot list: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the next sync removes it
        }
    }
}
