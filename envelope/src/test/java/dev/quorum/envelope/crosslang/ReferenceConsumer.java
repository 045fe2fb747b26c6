package dev.quorum.envelope.crosslang;

import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python reference consumer {@code ../shared/reference/maf_stream.py}, run by python3. Tests using it are
 * skipped (with a message) where ../shared, python3 or pydantic 2 is missing, as in a user's clone.
 */
final class ReferenceConsumer {

    record Outcome(int exitCode, String output) {
    }

    private final Path referenceDir;

    private ReferenceConsumer(Path referenceDir) {
        this.referenceDir = referenceDir;
    }

    /** The reference consumer, or a skipped test saying what is missing. */
    static ReferenceConsumer locateOrSkip() {
        Path reference = ProjectPaths.shared().map(shared -> shared.resolve("reference")).orElse(null);
        Assumptions.assumeTrue(reference != null && Files.isRegularFile(reference.resolve("maf_stream.py")),
                "skipped: ../shared/reference/maf_stream.py is not beside this checkout (only the project workspace has it)");
        Outcome probe = run(List.of("python3", "-c", "import pydantic, sys; sys.exit(0 if pydantic.VERSION.startswith('2') else 3)"));
        Assumptions.assumeTrue(probe.exitCode() == 0,
                "skipped: python3 with pydantic 2 is needed for the cross-language check: " + probe.output());
        return new ReferenceConsumer(reference);
    }

    /** Runs check_with_reference.py over a JSON-lines file of what Java wrote to Redis. */
    Outcome check(Path entries) {
        Path script;
        try {
            script = Path.of(ReferenceConsumer.class.getResource("check_with_reference.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return run(List.of("python3", script.toString(), referenceDir.toString(), entries.toString()));
    }

    private static Outcome run(List<String> command) {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Outcome(-1, "timed out: " + output);
            }
            return new Outcome(process.exitValue(), output);
        } catch (IOException e) {
            return new Outcome(-1, "cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(-1, "interrupted");
        }
    }
}
