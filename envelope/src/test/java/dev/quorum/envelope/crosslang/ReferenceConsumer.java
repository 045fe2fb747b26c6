package dev.quorum.envelope.crosslang;

import dev.quorum.testkit.CommandRun;
import dev.quorum.testkit.MissingTool;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Assumptions;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Python reference consumer {@code ../shared/reference/maf_stream.py}, run by python3. Tests using it are
 * skipped (with a message) where ../shared is not beside the checkout, as in a user's clone (the reference is
 * seed 004's consumer, kept outside the project on purpose). Where python3 or pydantic 2 is missing they are skipped
 * too, except under CI (the environment variable {@code CI} set, as {@code .ci/run} does): there a missing interpreter
 * must not turn the cross-language check into a silent skip, so the test fails saying what to install.
 */
final class ReferenceConsumer {

    private final Path referenceDir;
    private final String python;

    private ReferenceConsumer(Path referenceDir, String python) {
        this.referenceDir = referenceDir;
        this.python = python;
    }

    /** The reference consumer, or a skipped (failed under CI) test saying what is missing. */
    static ReferenceConsumer locateOrSkip() {
        return locate(ProjectPaths.shared(), "python3", System.getenv());
    }

    static ReferenceConsumer locate(Optional<Path> shared, String python, Map<String, String> environment) {
        Path reference = shared.map(s -> s.resolve("reference")).orElse(null);
        Assumptions.assumeTrue(reference != null && Files.isRegularFile(reference.resolve("maf_stream.py")),
                "skipped: ../shared/reference/maf_stream.py is not beside this checkout (only the project workspace has it)");
        CommandRun probe = run(List.of(python, "-c", "import pydantic, sys; sys.exit(0 if pydantic.VERSION.startswith('2') else 3)"));
        if (probe.exitCode() != 0) {
            String missing = python + " with pydantic 2 is needed for the cross-language check (scripts/test.sh installs "
                    + "python3-pydantic when run as root): " + (probe.exitCode() == 3 ? "pydantic is not version 2" : probe.output().strip());
            MissingTool.skipOrFail("the cross-language check", missing, environment);
        }
        return new ReferenceConsumer(reference, python);
    }

    /** Runs check_with_reference.py over a JSON-lines file of what Java wrote to Redis. */
    CommandRun check(Path entries) {
        Path script;
        try {
            script = Path.of(ReferenceConsumer.class.getResource("check_with_reference.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return run(List.of(python, script.toString(), referenceDir.toString(), entries.toString()));
    }

    private static CommandRun run(List<String> command) {
        return CommandRun.of(command, Duration.ofSeconds(120));
    }
}
