package dev.quorum.agents.market;

import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** The market-data directories tests read: the shipped sample, the optional full data, and writable copies. */
public final class MarketDirectories {

    private MarketDirectories() {
    }

    /** {@code samples/market}, shipped with the project. */
    public static Path sample() {
        return ProjectPaths.root().resolve("samples").resolve("market");
    }

    /** {@code ../shared/data}; skips the calling test (with a message) in a clone that does not have it. */
    public static Path sharedOrSkip() {
        Optional<Path> data = ProjectPaths.shared().map(s -> s.resolve("data")).filter(Files::isDirectory);
        Assumptions.assumeTrue(data.isPresent(),
                "../shared/data is not present (a user's clone does not have it): skipping the full-history test");
        return data.get();
    }

    /** Copies a market-data directory to {@code target} (created) so a test can change files. */
    public static Path copy(Path source, Path target) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file, creating its folders. */
    public static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
