package dev.quorum.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The browser tests delete their profile the moment the page closes (JUnit's {@code @TempDir}); CI once failed
 * there because Chromium's helpers were still writing into it.
 */
class ChromiumProfileTest {

    private static HeadlessChromium chromium() {
        return HeadlessChromium.find().orElseThrow(() -> new AssertionError(
                "headless Chromium is needed: install Debian's 'chromium' (scripts/test.sh does it when run as root)"));
    }

    @Test
    void should_leave_no_chromium_process_on_the_profile_once_the_page_closed(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("chromium-cdp-profile");
        try (ChromiumPage page = chromium().page(dir)) {
            page.navigate("about:blank");
            assertTrue(ChromiumProfile.processesUsing(profile).size() > 1,
                    "the browser and its helpers run on the profile while the page is open");
        }

        assertEquals(0, ChromiumProfile.processesUsing(profile).size());
        deleteTree(dir.resolve("chromium-cdp-profile"));
        assertFalse(Files.exists(profile));
    }

    @Test
    void should_leave_no_chromium_process_on_the_profile_once_the_dom_is_dumped(@TempDir Path dir) throws Exception {
        Path page = Files.writeString(dir.resolve("page.html"), "<p id=x>hello</p>");

        String dom = chromium().dumpDom(page.toUri().toString(), dir, 100);

        assertTrue(dom.contains("hello"), dom);
        assertEquals(0, ChromiumProfile.processesUsing(dir.resolve("chromium-profile")).size());
    }

    @Test
    void should_kill_a_helper_that_outlives_the_browser_past_the_grace(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("chromium-cdp-profile");
        // A helper as Chromium leaves one: its command line rewritten into one string that carries the profile. It
        // says "ready" once it runs under that name (before, /proc shows the launcher's command line), then waits on
        // its standard input, which this test keeps open.
        Process helper = new ProcessBuilder("bash", "-c", "exec -a 'chromium --type=renderer --user-data-dir=" + profile
                + " --lang=en-US' bash -c 'echo ready; read -r never'").start();
        assertEquals("ready", new BufferedReader(new InputStreamReader(helper.getInputStream(), StandardCharsets.UTF_8)).readLine());
        assertEquals(List.of(helper.pid()), ChromiumProfile.processesUsing(profile).stream().map(ProcessHandle::pid).toList());
        assertEquals(0, ChromiumProfile.processesUsing(dir.resolve("chromium")).size(), "another profile's prefix is not it");

        ChromiumProfile.awaitReleased(profile, Duration.ofMillis(200));

        assertFalse(helper.isAlive());
        assertEquals(0, ChromiumProfile.processesUsing(profile).size());
    }

    /** What {@code @TempDir} does on cleanup, here so a leftover writer fails this test with its own message. */
    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
