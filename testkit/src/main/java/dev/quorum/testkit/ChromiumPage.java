package dev.quorum.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One page of headless Chromium driven over the DevTools protocol, for tests that act like a person (type into a
 * form, resize the window, take a screenshot) where {@link HeadlessChromium#dumpDom} only loads a page. Waiting is
 * done inside the page: {@link #await} evaluates a script whose promise resolves when the page is ready, so a test
 * never sleeps.
 */
public final class ChromiumPage implements AutoCloseable {

    private static final long TIME_LIMIT_SECONDS = 60;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process browser;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();

    private ChromiumPage(Process browser, Path profile, WebSocket socket) {
        this.browser = browser;
        this.profile = profile;
        this.socket = socket;
    }

    /** Starts Chromium with a fresh profile under {@code workDir} and attaches to its blank page. */
    public static ChromiumPage open(Path binary, Path workDir) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(workDir.resolve("chromium-cdp-profile"));
        Process browser = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=" + profile,
                "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            URI browserSocket = devToolsAddress(browser);
            HttpClient http = HttpClient.newHttpClient();
            String targets = http.send(HttpRequest.newBuilder(URI.create("http://" + browserSocket.getHost() + ":"
                    + browserSocket.getPort() + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body();
            URI page = null;
            for (JsonNode target : JSON.readTree(targets)) {
                if ("page".equals(target.path("type").asText())) {
                    page = URI.create(target.path("webSocketDebuggerUrl").asText());
                    break;
                }
            }
            if (page == null) {
                throw new IllegalStateException("chromium opened no page: " + targets);
            }
            ChromiumPage[] holder = new ChromiumPage[1];
            WebSocket socket = http.newWebSocketBuilder().buildAsync(page, new Listener(holder)).get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
            holder[0] = new ChromiumPage(browser, profile, socket);
            return holder[0];
        } catch (Exception e) {
            browser.destroyForcibly();
            ChromiumProfile.awaitReleased(profile);
            throw new IllegalStateException("could not drive chromium over the DevTools protocol: " + e.getMessage(), e);
        }
    }

    /** The browser prints its DevTools address on stderr once it listens; the rest of stderr is drained. */
    private static URI devToolsAddress(Process browser) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(browser.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = err.readLine()) != null) {
            int at = line.indexOf("ws://");
            if (line.contains("DevTools listening on") && at >= 0) {
                Thread drain = new Thread(() -> err.lines().forEach(ignored -> { }), "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                return URI.create(line.substring(at).trim());
            }
        }
        throw new IllegalStateException("chromium exited before it listened for DevTools");
    }

    /** Sets the viewport (CSS pixels) as a window of that size would. */
    public void resize(int width, int height) throws Exception {
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Loads {@code url}; its scripts go on running (use {@link #await} for what they render). */
    public void navigate(String url) throws Exception {
        call("Page.enable", Map.of());
        call("Page.navigate", Map.of("url", url));
    }

    /** Types {@code text} into the focused element, as a keyboard would. */
    public void type(String text) throws Exception {
        call("Input.insertText", Map.of("text", text));
    }

    /**
     * Evaluates {@code expression} in the page, awaiting it when it is a promise, and returns its value as JSON.
     *
     * @throws IllegalStateException when it throws or rejects, with the page's message
     */
    public JsonNode await(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            JsonNode details = result.path("exceptionDetails");
            throw new IllegalStateException("the page's script failed: " + details.path("exception").path("description")
                    .asText(details.path("text").asText()));
        }
        return result.path("result").path("value");
    }

    /** The whole page (beyond the viewport) as PNG, written to {@code file}. */
    public Path screenshot(Path file) throws Exception {
        JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    private JsonNode call(String method, Map<String, Object> params) throws Exception {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(message), true).get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
        JsonNode answer = reply.get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.path("error"));
        }
        return answer.path("result");
    }

    private void receive(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.has("id")) {
                CompletableFuture<JsonNode> reply = replies.remove(message.path("id").asLong());
                if (reply != null) {
                    reply.complete(message);
                }
            }
        } catch (IOException e) {
            replies.values().forEach(r -> r.completeExceptionally(e));
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.abort();
        browser.destroy();
        if (!browser.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            browser.destroyForcibly();
        }
        ChromiumProfile.awaitReleased(profile);
    }

    /** Joins the frames of each message (a screenshot arrives in many) and hands whole messages to the page. */
    private static final class Listener implements WebSocket.Listener {

        private final ChromiumPage[] page;
        private final StringBuilder partial = new StringBuilder();

        Listener(ChromiumPage[] page) {
            this.page = page;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String whole = partial.toString();
                partial.setLength(0);
                page[0].receive(whole);
            }
            socket.request(1);
            return null;
        }
    }
}
