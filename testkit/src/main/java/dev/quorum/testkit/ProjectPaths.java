package dev.quorum.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the project root and the optional {@code ../shared} material are, seen from a running test. */
public final class ProjectPaths {

    private ProjectPaths() {
    }

    /** The project root: surefire passes it as {@code quorum.projectRoot}; otherwise the nearest parent with a pom.xml and prompts/. */
    public static Path root() {
        String configured = System.getProperty("quorum.projectRoot");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("prompts"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the Quorum project root from " + Path.of("").toAbsolutePath());
    }

    /** {@code ../shared} beside the project root, when this checkout has it (a user's clone does not). */
    public static Optional<Path> shared() {
        Path shared = root().resolveSibling("shared");
        return Files.isDirectory(shared) ? Optional.of(shared) : Optional.empty();
    }
}
