package dev.quorum.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process HTTP server on 127.0.0.1 that speaks Ollama's real protocol, scriptable per model, so that
 * the production client (langchain4j's OllamaChatModel) is exercised unchanged: only the base URL differs.
 *
 * <p>Endpoints: {@code POST /api/chat} (non-streaming), {@code POST /api/embed}, {@code GET /api/tags},
 * {@code POST /api/show}, {@code GET /api/version}. A model that was never {@linkplain #model(String) scripted} answers like a model
 * that was never pulled: 404 {@code {"error":"model 'x' not found"}}. Every chat request is recorded, and the
 * highest number of chat requests in flight at once is tracked (for bulkhead assertions).
 *
 * <p>Like a GPU host, the server can be given a fixed {@linkplain #latency(Duration) latency per request} and a
 * {@linkplain #limitConcurrency(int) concurrency limit} beyond which it answers 503 "server busy" at once (not
 * recorded as chats, counted by {@link #busyRejections()}); and its replies can be
 * {@linkplain #holdReplies() held} until the test {@linkplain #releaseReplies() releases} them, so a test can
 * observe who is serving what without timing anything.
 * A latency counts from the request's arrival, and the reply is composed before it is waited out: the server's own
 * JSON work is inside the latency, as a model host's is, so what a benchmark measures beyond it is the client's.
 *
 * <pre>{@code
 * try (OllamaTestServer ollama = OllamaTestServer.start()) {
 *     ollama.model("qwen2.5:7b").thenAlways(OllamaReply.content(json));
 *     ollama.model("llama3.1:8b").then(OllamaReply.busy()).then(OllamaReply.busy()).thenAlways(OllamaReply.content(json));
 *     ... ollama.baseUrl() ...
 *     assertEquals(3, ollama.chatCount("llama3.1:8b"));
 * }
 * }</pre>
 */
public final class OllamaTestServer implements AutoCloseable {

    /** The version {@code GET /api/version} reports. */
    public static final String VERSION = "0.12.3";

    /** The length of the vectors {@code POST /api/embed} answers. */
    public static final int EMBEDDING_DIMENSIONS = 8;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    private final LoopbackHttpServer server;
    private final Map<String, ModelScript> models = new ConcurrentHashMap<>();
    private final List<RecordedChat> chats = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger busyRejections = new AtomicInteger();
    private final AtomicLong endlessBytesSent = new AtomicLong();
    /** Notified whenever {@link #inFlight} changes, for {@link #awaitInFlight}. */
    private final Object inFlightChanged = new Object();
    private volatile int maxConcurrency = Integer.MAX_VALUE;
    private volatile Duration latency = Duration.ZERO;
    private volatile CountDownLatch held = new CountDownLatch(0);
    private final AtomicInteger embedRequests = new AtomicInteger();
    /** What {@code GET /api/tags} answers instead of the model list; null: the list. */
    private volatile OllamaReply tagsReply;

    private OllamaTestServer(LoopbackHttpServer server) {
        this.server = server;
    }

    /** Starts a server on a free loopback port. */
    public static OllamaTestServer start() {
        return start(0);
    }

    /** Starts a server on this loopback port (0: a free one). */
    public static OllamaTestServer start(int port) {
        // The JDK server leaves Nagle's algorithm on by default: with the client's delayed ACK that adds ~40 ms to
        // every reply on loopback, which no Ollama host does and which would skew the benchmarks' latency model.
        // Read once, when the first server is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        LoopbackHttpServer http = LoopbackHttpServer.bind(port, 200, "ollama-test-server", "Ollama test server");
        OllamaTestServer ollama = new OllamaTestServer(http);
        http.handle("/api/chat", ollama::chat)
                .handle("/api/embed", ollama::embed)
                .handle("/api/tags", ollama::tags)
                .handle("/api/show", ollama::show)
                .handle("/api/version", ollama::version)
                .handle("/", exchange -> send(exchange, 404, "404 page not found", "text/plain"))
                .start();
        return ollama;
    }

    /**
     * A base URL on which nothing listens: a port that was free a moment ago and is closed again, so a client
     * gets "connection refused".
     */
    public static String closedPortUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }

    /** {@code http://127.0.0.1:PORT} */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** The script of a model, created (and listed by {@code /api/tags}) on first use. */
    public ModelScript model(String name) {
        return models.computeIfAbsent(name, ModelScript::new);
    }

    /** Removes a model again: it answers 404 from now on, like a model that was deleted. */
    public void remove(String name) {
        models.remove(name);
    }

    /** Every chat request received, in arrival order. */
    public List<RecordedChat> chats() {
        return List.copyOf(chats);
    }

    /** The chat requests received for one model. */
    public List<RecordedChat> chats(String model) {
        return chats.stream().filter(chat -> chat.model().equals(model)).toList();
    }

    public int chatCount(String model) {
        return chats(model).size();
    }

    /** The highest number of chat requests that were being answered at the same time. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Chat requests being answered right now. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Waits until at most {@code count} chat requests are being answered (a dripping reply ends when its client
     * hangs up).
     *
     * @return whether that happened within {@code timeout}
     */
    public boolean awaitInFlightAtMost(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (inFlightChanged) {
            while (inFlight.get() > count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(inFlightChanged, left);
            }
            return true;
        }
    }

    /**
     * Waits until at least {@code count} chat requests are being answered at once (use with {@link #holdReplies()}).
     *
     * @return whether that happened within {@code timeout}
     */
    public boolean awaitInFlight(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (inFlightChanged) {
            while (inFlight.get() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(inFlightChanged, left);
            }
            return true;
        }
    }

    /** Every chat reply waits this long on top of its script's own latency: the host's fixed time per request. */
    public OllamaTestServer latency(Duration perRequest) {
        latency = perRequest;
        return this;
    }

    /**
     * At most {@code requests} chats are served at once; one more is answered 503 "server busy" at once, as an
     * Ollama host does when its queue is full.
     */
    public OllamaTestServer limitConcurrency(int requests) {
        maxConcurrency = requests;
        return this;
    }

    /** Chat requests answered 503 because {@link #limitConcurrency(int)} was exceeded. */
    public int busyRejections() {
        return busyRejections.get();
    }

    /**
     * Bytes of never-ending bodies ({@link OllamaReply#dripping}, {@link OllamaReply#flooding}) handed to the socket
     * so far, all replies together: what a client that hangs up stopped (plus what the sockets' buffers held).
     */
    public long endlessBytesSent() {
        return endlessBytesSent.get();
    }

    /** Embedding requests received ({@code POST /api/embed}), all models together. */
    public int embedCount() {
        return embedRequests.get();
    }

    /**
     * From now on {@code GET /api/tags} answers this instead of the list of scripted models: an error, or a body that
     * never ends ({@link OllamaReply#flooding()}, {@link OllamaReply#dripping}), as a broken or hostile endpoint may.
     */
    public void tagsReply(OllamaReply reply) {
        tagsReply = reply;
    }

    /** From now on chat replies wait (in flight) until {@link #releaseReplies()}. */
    public void holdReplies() {
        held = new CountDownLatch(1);
    }

    /** Lets the held replies, and every later one, go. */
    public void releaseReplies() {
        held.countDown();
    }

    /** Forgets the recorded requests, the busy rejections, the endless bytes sent and the in-flight maximum (scripts stay). */
    public void clearRecords() {
        chats.clear();
        embedRequests.set(0);
        busyRejections.set(0);
        endlessBytesSent.set(0);
        maxInFlight.set(inFlight.get());
    }

    @Override
    public void close() {
        server.close();
    }

    private void chat(HttpExchange exchange) throws IOException {
        long received = System.nanoTime();
        if (!exchange.getRequestMethod().equals("POST")) {
            send(exchange, 405, "405 method not allowed", "text/plain");
            return;
        }
        int now = inFlight.incrementAndGet();
        inFlightChanged();
        Answer answer;
        try {
            answer = answer(exchange, now, received);
            if (answer.endless() != null) {
                // In flight until the client hangs up, as a generation Ollama stops when its client goes away.
                sendEndless(exchange, answer.endless());
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        } finally {
            // Out of flight once its answer is ready to go: a client frees its bulkhead slot as soon as it has read
            // the answer, and may send its next request before this thread, counting out after the write, would.
            inFlight.decrementAndGet();
            inFlightChanged();
        }
        send(exchange, answer.status(), answer.json(), JSON_TYPE);
    }

    /** What a chat is answered: its status and JSON body, or a body of whitespace that never ends. */
    private record Answer(int status, String json, EndlessBody endless) {
        Answer(int status, String json) {
            this(status, json, null);
        }
    }

    /**
     * Sends a body that never ends ({@link EndlessBody}), counted in {@link #endlessBytesSent()}.
     */
    private void sendEndless(HttpExchange exchange, EndlessBody body) throws InterruptedException {
        body.send(exchange, JSON_TYPE, endlessBytesSent);
    }

    /** The chat's answer, once its latency has passed (or at once, for a busy server or an unreadable request). */
    private Answer answer(HttpExchange exchange, int inFlightNow, long received) throws IOException, InterruptedException {
        if (inFlightNow > maxConcurrency) {
            busyRejections.incrementAndGet();
            return new Answer(503, JSON.writeValueAsString(errorBody(OllamaReply.busy().error())));
        }
        maxInFlight.accumulateAndGet(inFlightNow, Math::max);
        JsonNode body = readJson(exchange);
        if (body == null) {
            return new Answer(400, JSON.writeValueAsString(errorBody("invalid character 'x' looking for beginning of value")));
        }
        RecordedChat chat = RecordedChat.of(body);
        chats.add(chat);
        ModelScript script = models.get(chat.model());
        OllamaReply reply = script == null ? OllamaReply.modelNotFound() : script.next();
        held.await();
        if (reply.endless() != null) {
            return new Answer(200, "", reply.endless());
        }
        // The reply is written before the latency is waited out, and the latency counts from the request's
        // arrival: like a model host's, this server's answer takes L, not L plus its own JSON work, so a
        // benchmark's overhead over L is the client's.
        String answer = JSON.writeValueAsString(reply.status() == 200 ? chatResponse(chat, reply.content(chat))
                : errorBody(reply.status() == 404 ? "model '" + chat.model() + "' not found" : reply.error()));
        // A fixed latency is what is being simulated here (the host's time per request), not synchronisation.
        EndlessBody.awaitNanoTime(received + latency.toNanos() + reply.latency().toNanos());
        return new Answer(reply.status(), answer);
    }

    private void inFlightChanged() {
        synchronized (inFlightChanged) {
            inFlightChanged.notifyAll();
        }
    }

    private ObjectNode chatResponse(RecordedChat chat, String content) {
        ObjectNode response = JSON.createObjectNode();
        response.put("model", chat.model());
        response.put("created_at", Instant.now().toString());
        ObjectNode message = response.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        response.put("done", true);
        response.put("done_reason", "stop");
        response.put("total_duration", 1_250_000_000L);
        response.put("load_duration", 15_000_000L);
        // Deterministic stand-ins for token counts, so tests can assert that they are summed.
        int promptChars = chat.messages().stream().mapToInt(m -> m.content().length()).sum();
        response.put("prompt_eval_count", Math.max(1, promptChars / 4));
        response.put("prompt_eval_duration", 200_000_000L);
        response.put("eval_count", Math.max(1, content.length() / 4));
        response.put("eval_duration", 1_000_000_000L);
        return response;
    }

    /**
     * An embedding request answers by its model's script: a 200 reply embeds each input as a deterministic vector of
     * {@link #EMBEDDING_DIMENSIONS} (the reply's content is not used), an error reply is sent as Ollama sends it, an
     * endless one is sent until the client hangs up. Latency and held replies are the chat's alone.
     */
    private void embed(HttpExchange exchange) throws IOException {
        JsonNode body = readJson(exchange);
        if (body == null) {
            sendError(exchange, 400, "invalid character 'x' looking for beginning of value");
            return;
        }
        embedRequests.incrementAndGet();
        String name = body.path("model").asText();
        ModelScript script = models.get(name);
        OllamaReply reply = script == null ? OllamaReply.modelNotFound() : script.next();
        if (reply.endless() != null || reply.status() != 200) {
            answerWithout(exchange, reply, "model '" + name + "' not found");
            return;
        }
        ObjectNode response = JSON.createObjectNode();
        response.put("model", name);
        ArrayNode embeddings = response.putArray("embeddings");
        JsonNode input = body.path("input");
        (input.isArray() ? input : JSON.createArrayNode().add(input)).forEach(text -> {
            ArrayNode vector = embeddings.addArray();
            Random random = new Random(text.asText().hashCode());
            for (int i = 0; i < EMBEDDING_DIMENSIONS; i++) {
                vector.add(random.nextDouble() - 0.5);
            }
        });
        sendJson(exchange, 200, response);
    }

    /** Sends a reply that is not a success with content: an endless body, or an error as Ollama words it. */
    private void answerWithout(HttpExchange exchange, OllamaReply reply, String notFound) throws IOException {
        if (reply.endless() != null) {
            try {
                sendEndless(exchange, reply.endless());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.close();
            }
            return;
        }
        sendError(exchange, reply.status(), reply.status() == 404 ? notFound : reply.error());
    }

    private void tags(HttpExchange exchange) throws IOException {
        OllamaReply override = tagsReply;
        if (override != null) {
            answerWithout(exchange, override, "404 page not found");
            return;
        }
        ObjectNode response = JSON.createObjectNode();
        ArrayNode list = response.putArray("models");
        models.keySet().stream().sorted().forEach(name -> {
            ObjectNode model = list.addObject();
            model.put("name", name);
            model.put("model", name);
            model.put("modified_at", "2026-01-05T10:00:00.000000000Z");
            model.put("size", 4_683_087_332L);
            model.put("digest", Integer.toHexString(name.hashCode()) + "0".repeat(56));
            model.set("details", details(name));
        });
        sendJson(exchange, 200, response);
    }

    private void show(HttpExchange exchange) throws IOException {
        JsonNode body = readJson(exchange);
        String name = body == null ? "" : body.path("model").asText(body.path("name").asText(""));
        if (!models.containsKey(name)) {
            sendError(exchange, 404, "model '" + name + "' not found");
            return;
        }
        ObjectNode response = JSON.createObjectNode();
        response.put("modelfile", "FROM " + name);
        response.put("parameters", "stop \"<|im_end|>\"");
        response.put("template", "{{ .Prompt }}");
        response.set("details", details(name));
        response.putObject("model_info").put("general.architecture", "llama");
        response.putArray("capabilities").add("completion");
        response.put("modified_at", "2026-01-05T10:00:00.000000000Z");
        sendJson(exchange, 200, response);
    }

    private void version(HttpExchange exchange) throws IOException {
        sendJson(exchange, 200, JSON.createObjectNode().put("version", VERSION));
    }

    private static ObjectNode details(String name) {
        ObjectNode details = JSON.createObjectNode();
        details.put("parent_model", "");
        details.put("format", "gguf");
        details.put("family", name.split("[:.0-9]")[0]);
        details.putArray("families").add(name.split("[:.0-9]")[0]);
        details.put("parameter_size", "7.6B");
        details.put("quantization_level", "Q4_K_M");
        return details;
    }

    private static JsonNode readJson(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length == 0) {
                return null;
            }
            return JSON.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    private static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        sendJson(exchange, status, errorBody(message));
    }

    private static ObjectNode errorBody(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, JSON.writeValueAsString(body), JSON_TYPE);
    }

    private static void send(HttpExchange exchange, int status, String body, String contentType) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException e) {
            // The client gave up (its timeout fired): nothing to answer to.
        } finally {
            exchange.close();
        }
    }

    /**
     * What one model answers: scripted replies consumed in order, then the standing reply. Thread-safe.
     * A fresh script answers 500 until told otherwise: a default valid answer could hide a mistake in a test.
     */
    public static final class ModelScript {

        private final String name;
        private final List<OllamaReply> queued = new ArrayList<>();
        private OllamaReply standing = OllamaReply.internalError();

        private ModelScript(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        /** Queues a reply for the next request not yet answered by an earlier queued reply. */
        public synchronized ModelScript then(OllamaReply reply) {
            queued.add(reply);
            return this;
        }

        /** Queues the same reply {@code times} times. */
        public synchronized ModelScript then(OllamaReply reply, int times) {
            for (int i = 0; i < times; i++) {
                queued.add(reply);
            }
            return this;
        }

        /** The reply for every request once the queued ones are used up. */
        public synchronized ModelScript thenAlways(OllamaReply reply) {
            standing = reply;
            return this;
        }

        private synchronized OllamaReply next() {
            return queued.isEmpty() ? standing : queued.remove(0);
        }
    }

    /** One chat request as the server received it. */
    public record RecordedChat(String model, List<Message> messages, JsonNode format, JsonNode options,
                               boolean stream, JsonNode raw) {

        /** One chat message: {@code system}, {@code user} or {@code assistant}. */
        public record Message(String role, String content) {
        }

        static RecordedChat of(JsonNode body) {
            List<Message> messages = new ArrayList<>();
            body.path("messages").forEach(m -> messages.add(new Message(m.path("role").asText(), m.path("content").asText())));
            // Ollama streams unless told otherwise.
            boolean stream = !body.has("stream") || body.get("stream").asBoolean();
            return new RecordedChat(body.path("model").asText(), List.copyOf(messages), body.get("format"),
                    body.get("options"), stream, body);
        }

        /** The content of the first message with this role; empty when there is none. */
        public String content(String role) {
            return messages.stream().filter(m -> m.role().equals(role)).map(Message::content).findFirst().orElse("");
        }
    }

    /** Creates the JSON text of a chat reply from the recorded request (for replies that echo their input). */
    @FunctionalInterface
    public interface ContentFunction {
        String apply(RecordedChat request);
    }

    /** A scripted answer: a 200 with content, or an error exactly as Ollama sends it, after an optional latency. */
    public static final class OllamaReply {

        private final int status;
        private final String error;
        private final ContentFunction content;
        private final Duration latency;
        private final EndlessBody endless;

        private OllamaReply(int status, String error, ContentFunction content, Duration latency) {
            this(status, error, content, latency, null);
        }

        private OllamaReply(int status, String error, ContentFunction content, Duration latency, EndlessBody endless) {
            this.status = status;
            this.error = error;
            this.content = content;
            this.latency = latency;
            this.endless = endless;
        }

        /**
         * 200 whose body never ends: a space every {@code interval} until the client hangs up. A read timeout longer
         * than the interval never fires on it; only a limit on the whole answer ends it.
         */
        public static OllamaReply dripping(Duration interval) {
            return new OllamaReply(200, null, null, Duration.ZERO, EndlessBody.dripping(interval));
        }

        /**
         * 200 whose body never ends and comes as fast as the client reads (64 KiB of spaces at a time) until the
         * client hangs up: within any time limit it is more than a client can hold; only a cap on the bytes it reads
         * ends it before its heap does.
         */
        public static OllamaReply flooding() {
            return new OllamaReply(200, null, null, Duration.ZERO, EndlessBody.flooding());
        }

        /** 200 with this message content. */
        public static OllamaReply content(String content) {
            return new OllamaReply(200, null, request -> content, Duration.ZERO);
        }

        /** 200 with content computed from the request. */
        public static OllamaReply content(ContentFunction content) {
            return new OllamaReply(200, null, content, Duration.ZERO);
        }

        /** 200 whose content is not JSON at all (a model that ignored the format). */
        public static OllamaReply malformedJson() {
            return content("Sure! Here is my analysis: {\"signal\": \"BULLISH\", \"confidence\": ");
        }

        /** 404 {@code {"error":"model 'x' not found"}}: what an unpulled model gives. */
        public static OllamaReply modelNotFound() {
            return new OllamaReply(404, null, null, Duration.ZERO);
        }

        /** 503 as Ollama sends it when OLLAMA_MAX_QUEUE is exceeded. */
        public static OllamaReply busy() {
            return new OllamaReply(503, "server busy, please try again.  maximum pending requests exceeded", null, Duration.ZERO);
        }

        /** 500, e.g. the runner crashed. */
        public static OllamaReply internalError() {
            return new OllamaReply(500, "llama runner process has terminated: exit status 2", null, Duration.ZERO);
        }

        /** 400 with Ollama's error text. */
        public static OllamaReply badRequest(String message) {
            return new OllamaReply(400, message, null, Duration.ZERO);
        }

        /** The same reply, sent only after this fixed latency. */
        public OllamaReply after(Duration latency) {
            return new OllamaReply(status, error, content, latency, endless);
        }

        int status() {
            return status;
        }

        String error() {
            return error;
        }

        String content(RecordedChat request) {
            return content.apply(request);
        }

        Duration latency() {
            return latency;
        }

        EndlessBody endless() {
            return endless;
        }
    }
}
