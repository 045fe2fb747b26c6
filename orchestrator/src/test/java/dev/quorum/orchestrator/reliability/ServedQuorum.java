package dev.quorum.orchestrator.reliability;

import dev.quorum.orchestrator.cli.QuorumCli;
import dev.quorum.testkit.ProjectPaths;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code quorum} (any command: {@code serve}, {@code run}, {@code data sync} ...) as a real child JVM, as bin/quorum
 * and systemd run it: its own environment, its log (logback, stderr) and stdout captured to files, signals. The HTTP
 * port is read from the log line, so several instances never fight over one. The one child-process harness of the
 * tests.
 */
public final class ServedQuorum implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("HTTP API listening on ([0-9.:a-f]+):(\\d+)");
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServedQuorum(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * A configuration on the shipped sample market data, rules backend, state under {@code dataDir}, the HTTP API
     * on a free loopback port, daily schedule (cycles only when a test asks for one).
     */
    public static Path writeConfig(Path dataDir, String redisUrlWithoutSecret, String extraYaml) throws IOException {
        Path root = ProjectPaths.root();
        String yaml = "watchlist: [AAPL, MSFT, NVDA]\n"
                + "data_dir: \"" + dataDir + "\"\n"
                + "prompts_dir: \"" + root.resolve("prompts") + "\"\n"
                + "market: {data_dir: \"" + root.resolve("samples/market") + "\"}\n"
                + "http: {port: 0}\n"
                + (redisUrlWithoutSecret == null ? "" : "redis: {url: \"" + redisUrlWithoutSecret + "\"}\n")
                + extraYaml;
        Path file = dataDir.resolve("quorum.yaml");
        Files.createDirectories(dataDir);
        Files.writeString(file, yaml);
        return file;
    }

    /** Starts {@code quorum ARGS} with exactly {@code env} as its QUORUM_ variables; output under {@code logDir}. */
    public static ServedQuorum start(Path logDir, Map<String, String> env, String... args) throws IOException {
        return startWith(List.of(), logDir, env, args);
    }

    /**
     * As {@link #start}, the JVM launched through {@code launcher} (e.g. {@code setpriv ...}: other credentials or
     * capabilities, as a differently configured service would run).
     */
    public static ServedQuorum startWith(List<String> launcher, Path logDir, Map<String, String> env, String... args)
            throws IOException {
        return startIn(ProjectPaths.root(), launcher, logDir, env, args);
    }

    /** As {@link #startWith}, from {@code workingDirectory} (an operator who is not in the installation's folder). */
    public static ServedQuorum startIn(Path workingDirectory, List<String> launcher, Path logDir, Map<String, String> env,
                                       String... args) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), QuorumCli.class.getName()));
        command.addAll(List.of(args));
        Files.createDirectories(logDir);
        Path out = Files.createTempFile(logDir, "stdout", ".txt");
        Path err = Files.createTempFile(logDir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("QUORUM_"));
        builder.environment().putAll(env);
        return new ServedQuorum(builder.start(), out, err);
    }

    /** The API's base URL, once the log says it listens; the bound address is checked by the caller. */
    public URI awaitApi() throws InterruptedException {
        Matcher m = awaitLog(LISTENING);
        return URI.create("http://" + m.group(1) + ":" + m.group(2));
    }

    /** The bound address as logged. */
    public String boundAddress() throws InterruptedException {
        return awaitLog(LISTENING).group(1);
    }

    /** Waits for a log line; a bounded poll because a child's log line has no event this JVM can wait on. */
    public Matcher awaitLog(Pattern pattern) throws InterruptedException {
        return await(pattern, this::stderr);
    }

    /** As {@link #awaitLog}, on standard output (what {@code tail} prints). */
    public Matcher awaitOutput(Pattern pattern) throws InterruptedException {
        return await(pattern, this::stdout);
    }

    private Matcher await(Pattern pattern, java.util.function.Supplier<String> text) throws InterruptedException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(text.get());
            if (m.find()) {
                return m;
            }
            if (!process.isAlive()) {
                throw new AssertionError("quorum exited (" + process.exitValue() + ") before logging " + pattern + "\n" + stderr());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + pattern + " in the log within " + START_LIMIT + ":\n" + stderr());
    }

    /** @param headers every response header, as text */
    public record Reply(int status, String contentType, String headers, String body) {
    }

    public Reply send(URI base, String method, String pathAndQuery, Optional<String> token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException staleConnection) {
            // The server may close a kept-alive connection after refusing a body it did not read; the client then
            // sends into a closed socket. Once more on a fresh connection: a server that is really gone fails again.
            response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().map().toString(), response.body());
    }

    /** SIGTERM, as systemd stops the service. */
    public void terminate() {
        process.destroy();
    }

    /** SIGINT, as Ctrl-C in the operator's terminal. */
    public void interrupt() throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new AssertionError("kill -INT " + process.pid() + " failed: " + exit);
        }
    }

    /** SIGKILL: no shutdown code runs. */
    public void kill() {
        process.destroyForcibly();
    }

    public int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("quorum did not exit within " + limit + "\n" + stderr());
        }
        return process.exitValue();
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
