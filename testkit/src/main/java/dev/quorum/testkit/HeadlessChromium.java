package dev.quorum.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, for tests that check what a browser really renders (the dashboard, the backtest
 * report): loads a page, lets its scripts run, returns the resulting DOM. Whether a missing browser skips or fails
 * a test is the test's policy, so {@link #find()} only looks.
 */
public final class HeadlessChromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final long TIME_LIMIT_SECONDS = 120;

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The first Chromium on the PATH. */
    public static Optional<HeadlessChromium> find() {
        for (String name : NAMES) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return Optional.of(new HeadlessChromium(Path.of(dir, name)));
                }
            }
        }
        return Optional.empty();
    }

    /** A page driven over the DevTools protocol (typing, resizing, screenshots), with a fresh profile under {@code workDir}. */
    public ChromiumPage page(Path workDir) throws IOException, InterruptedException {
        return ChromiumPage.open(binary, workDir);
    }

    /**
     * The DOM of {@code url} after its scripts ran, with a fresh profile under {@code workDir} and no network
     * besides the page's own requests.
     *
     * @param virtualTimeMillis how long timers may run (virtual time: a page polling every second gets its polls)
     * @throws IllegalStateException when Chromium failed or hung, with its log
     */
    public String dumpDom(String url, Path workDir, int virtualTimeMillis) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(workDir.resolve("chromium-profile"));
        Path log = workDir.resolve("chromium.log");
        Process browser = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--virtual-time-budget=" + virtualTimeMillis, "--dump-dom", url)
                .redirectError(log.toFile()).start();
        String dom = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = browser.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            browser.destroyForcibly();
        }
        ChromiumProfile.awaitReleased(profile);
        if (!finished) {
            throw new IllegalStateException("chromium did not finish within " + TIME_LIMIT_SECONDS + " s loading " + url);
        }
        if (browser.exitValue() != 0) {
            throw new IllegalStateException("chromium exited " + browser.exitValue() + " loading " + url + ":\n" + Files.readString(log));
        }
        return dom;
    }
}
