package dev.quorum.testkit;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MissingToolTest {

    @Test
    void should_read_ci_as_set_unless_empty_false_or_zero() {
        assertTrue(MissingTool.underCi(Map.of("CI", "true")));
        assertTrue(MissingTool.underCi(Map.of("CI", "1")));
        assertFalse(MissingTool.underCi(Map.of("CI", "")));
        assertFalse(MissingTool.underCi(Map.of("CI", "false")));
        assertFalse(MissingTool.underCi(Map.of("CI", "0")));
        assertFalse(MissingTool.underCi(Map.of()));
    }

    @Test
    void should_fail_under_ci_and_skip_elsewhere() {
        AssertionFailedError failed = assertThrows(AssertionFailedError.class,
                () -> MissingTool.skipOrFail("the audit test", "python3 is needed", Map.of("CI", "true")));
        assertEquals("CI is set, so the audit test fails instead of skipping: python3 is needed", failed.getMessage());
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> MissingTool.skipOrFail("the audit test", "python3 is needed", Map.of("CI", "false")));
        assertTrue(skipped.getMessage().contains("skipped: python3 is needed"), skipped.getMessage());
    }
}
