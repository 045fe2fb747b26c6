package dev.quorum.orchestrator.config;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the shipped files (the sample market data, the prompts) are when Quorum runs from another directory: a
 * relative path that does not exist under the working directory is looked up beside the installation — the
 * folders holding this code ({@code <root>/orchestrator/target/quorum.jar}, {@code /opt/quorum/quorum.jar}) and
 * up to three levels above. A path that exists where the operator runs, or that exists nowhere, is left as given.
 * The configuration's directories and the command-line defaults that name shipped files ({@code agents --data},
 * {@code --prompts}) are resolved here, so every command finds them the same way.
 */
public final class Installation {

    private static final int LEVELS = 3;
    private static final Optional<Path> CODE = codeLocation();

    private Installation() {
    }

    /** {@code path}, or the installation's file of that name when it is relative and missing here. */
    public static Path resolve(Path path) {
        if (path.isAbsolute() || Files.exists(path) || CODE.isEmpty()) {
            return path;
        }
        Path dir = CODE.get();
        for (int level = 0; level <= LEVELS && dir != null; level++, dir = dir.getParent()) {
            Path candidate = dir.resolve(path);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        return path;
    }

    private static Optional<Path> codeLocation() {
        try {
            var source = Installation.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI()).toAbsolutePath();
            return Optional.ofNullable(Files.isDirectory(location) ? location : location.getParent());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
