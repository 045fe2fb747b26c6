package dev.quorum.testkit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.util.Map;

/**
 * What a test does when a tool it needs on this machine (python3, pydantic) is missing: it is skipped with a message
 * saying what to install, except under CI (the environment variable {@code CI} set, as {@code .ci/run} does), where a
 * missing tool must not turn a check into a silent skip, so the test fails saying the same.
 */
public final class MissingTool {

    private MissingTool() {
    }

    /** CI systems set {@code CI} (to {@code true}, or any non-empty value other than {@code false} and {@code 0}). */
    public static boolean underCi(Map<String, String> environment) {
        String ci = environment.getOrDefault("CI", "").strip();
        return !ci.isEmpty() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
    }

    /**
     * Ends the test: skipped ({@code skipped: <missing>}), or under CI failed ({@code CI is set, so <check> fails
     * instead of skipping: <missing>}).
     *
     * @param check   what the test checks, as the failure names it ("the cross-language check")
     * @param missing what is missing and how to get it
     */
    public static void skipOrFail(String check, String missing, Map<String, String> environment) {
        if (underCi(environment)) {
            Assertions.fail("CI is set, so " + check + " fails instead of skipping: " + missing);
        }
        Assumptions.abort("skipped: " + missing);
    }
}
