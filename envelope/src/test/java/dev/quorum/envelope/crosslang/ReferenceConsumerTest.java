package dev.quorum.envelope.crosslang;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seed 004's cross-language check must not skip in CI: a missing python3 or pydantic fails there, skips elsewhere. */
class ReferenceConsumerTest {

    @TempDir
    Path shared;

    @Test
    void should_fail_without_python_under_ci_and_skip_elsewhere() throws Exception {
        Files.createDirectories(shared.resolve("reference"));
        Files.writeString(shared.resolve("reference").resolve("maf_stream.py"), "# stands in for seed 004's consumer\n");
        String absent = shared.resolve("no-such-python3").toString();

        AssertionFailedError failed = assertThrows(AssertionFailedError.class,
                () -> ReferenceConsumer.locate(Optional.of(shared), absent, Map.of("CI", "true")));
        assertTrue(failed.getMessage().startsWith("CI is set, so the cross-language check fails instead of skipping: "
                + absent + " with pydantic 2 is needed"), failed.getMessage());
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> ReferenceConsumer.locate(Optional.of(shared), absent, Map.of()));
        assertTrue(skipped.getMessage().contains("skipped: " + absent + " with pydantic 2 is needed"), skipped.getMessage());
        assertThrows(TestAbortedException.class, () -> ReferenceConsumer.locate(Optional.of(shared), absent, Map.of("CI", "false")));
    }

    @Test
    void should_skip_a_users_clone_without_the_shared_reference_even_under_ci() {
        // A fork's CI (GitHub Actions sets CI=true) has no ../shared: the reference is not project code, so this skips.
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> ReferenceConsumer.locate(Optional.empty(), "python3", Map.of("CI", "true")));
        assertTrue(skipped.getMessage().contains("../shared/reference/maf_stream.py is not beside this checkout"), skipped.getMessage());
    }
}
