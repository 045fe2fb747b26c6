package dev.quorum.testkit;

import dev.quorum.testkit.OllamaTestServer.OllamaReply;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The {@link OllamaTestServer} in a JVM of its own, for benchmarks. In the benchmark's JVM the server's HTTP stack
 * and JSON work ran interpreted next to the client's, and the one JIT compiler thread spent its time on both: the
 * cycle's measured overhead was partly the stand-in's. A real Ollama answers from a process of its own with native
 * code; so this one serves from its own JVM, after warming its code up with requests of its own, and only then opens
 * the benchmark's port (its readiness is that port accepting). The script is fixed at start: {@code model} answers
 * {@code reply}, or {@code replyIf} when the chat's system prompt contains {@code ifSystemContains}, after
 * {@code latency} counted from the request's arrival; any other model is not pulled (404).
 */
public final class OllamaServerProcess extends LocalServerProcess {

    /** Requests the server sends itself before it opens the port: enough for the JIT to compile its request path. */
    static final int WARM_UP_REQUESTS = 3_000;

    private final String model;
    private final Duration latency;
    private final String ifSystemContains;
    private final String replyIf;
    private final String reply;

    public OllamaServerProcess(String model, Duration latency, String ifSystemContains, String replyIf, String reply) {
        super("ollama");
        this.model = model;
        this.latency = latency;
        this.ifSystemContains = ifSystemContains;
        this.replyIf = replyIf;
        this.reply = reply;
    }

    /** {@code http://127.0.0.1:PORT} */
    public String baseUrl() {
        return "http://" + host() + ":" + port();
    }

    @Override
    protected List<String> command(int port) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-cp", System.getProperty("java.class.path"), OllamaServerProcess.class.getName(),
                Integer.toString(port), model, Long.toString(latency.toMillis()), ifSystemContains, replyIf, reply);
    }

    @Override
    protected String installHint() {
        return "It runs on this JVM's own java and class path (" + System.getProperty("java.home") + ").";
    }

    /** {@code PORT MODEL LATENCY_MS IF_SYSTEM_CONTAINS REPLY_IF REPLY}: warms up, then serves until killed. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String model = args[1];
        Duration latency = Duration.ofMillis(Long.parseLong(args[2]));
        String ifSystemContains = args[3];
        String replyIf = args[4];
        String reply = args[5];
        try (OllamaTestServer warmUp = scripted(0, model, ifSystemContains, replyIf, reply)) {
            warmUp(warmUp.baseUrl(), model, ifSystemContains);
        }
        OllamaTestServer server = scripted(port, model, ifSystemContains, replyIf, reply).latency(latency);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await();
    }

    private static OllamaTestServer scripted(int port, String model, String ifSystemContains, String replyIf, String reply) {
        OllamaTestServer server = OllamaTestServer.start(port);
        server.model(model).thenAlways(OllamaReply.content(chat ->
                chat.content("system").contains(ifSystemContains) ? replyIf : reply));
        return server;
    }

    /**
     * Sends the request, and once more when the first try got no answer: a kept connection the server had just closed
     * ("header parser received no bytes"), which the JDK's client does not resend for a POST. Seen once in the
     * warm-up's 3,000 requests; a second failure is a real one.
     */
    private static HttpResponse<String> sendOnceMore(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException noAnswer) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Chats the size of an agent's (a few kB of prompt), both kinds of reply, from four clients at once. */
    private static void warmUp(String baseUrl, String model, String ifSystemContains) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String padding = "close 187.12, sma_50 181.40, rsi_14 61.2; ".repeat(60);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < WARM_UP_REQUESTS; i++) {
                String system = i % 5 == 0 ? ifSystemContains : "You are a technical analyst.";
                String body = "{\"model\":\"" + model + "\",\"stream\":false,\"messages\":[{\"role\":\"system\",\"content\":\""
                        + system + "\"},{\"role\":\"user\",\"content\":\"" + padding + "\"}]}";
                HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/chat"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                sent.add(clients.submit(() -> sendOnceMore(http, request)));
            }
            for (Future<?> answer : sent) {
                answer.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
