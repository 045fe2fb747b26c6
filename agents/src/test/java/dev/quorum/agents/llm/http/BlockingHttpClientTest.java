package dev.quorum.agents.llm.http;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.quorum.agents.llm.FailureKind;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The blocking client against the Ollama protocol test server, and against a bare socket for the wire details. */
class BlockingHttpClientTest {

    static final BlockingHttpClient CLIENT = BlockingHttpClient.builder()
            .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(10)).build();

    OllamaTestServer ollama;

    @BeforeEach
    void start() {
        ollama = OllamaTestServer.start();
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    static HttpRequest chat(String baseUrl, String model) {
        return HttpRequest.builder().method(HttpMethod.POST).url(baseUrl, "/api/chat")
                .addHeader("Content-Type", "application/json")
                .body("{\"model\":\"" + model + "\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"Grüße\"}]}")
                .build();
    }

    @Test
    void should_post_the_body_and_return_status_headers_and_body_of_the_answer() {
        ollama.model("qwen2.5:7b").thenAlways(OllamaReply.content("{\"signal\": \"BULLISH\"}"));

        SuccessfulHttpResponse response = CLIENT.execute(chat(ollama.baseUrl(), "qwen2.5:7b"));

        assertEquals(200, response.statusCode());
        assertTrue(response.contentType().startsWith("application/json"), response.contentType());
        assertTrue(response.body().contains("\"done\":true"), response.body());
        assertEquals("Grüße", ollama.chats("qwen2.5:7b").get(0).content("user"), "the body is sent as UTF-8");
    }

    @Test
    void should_throw_the_status_and_the_servers_words_for_an_answer_outside_2xx() {
        HttpException thrown = assertThrows(HttpException.class, () -> CLIENT.execute(chat(ollama.baseUrl(), "never-pulled")));

        assertEquals(404, thrown.statusCode());
        assertTrue(thrown.getMessage().contains("model 'never-pulled' not found"), thrown.getMessage());
        assertEquals(FailureKind.MODEL_NOT_FOUND, FailureKind.of(thrown));
    }

    @Test
    void should_time_out_an_answer_slower_than_the_read_timeout() {
        ollama.model("qwen2.5:7b").thenAlways(OllamaReply.content("{}").after(Duration.ofSeconds(30)));
        BlockingHttpClient impatient = BlockingHttpClient.builder()
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofMillis(300)).build();

        long start = System.nanoTime();
        TimeoutException thrown = assertThrows(TimeoutException.class, () -> impatient.execute(chat(ollama.baseUrl(), "qwen2.5:7b")));
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(FailureKind.TIMEOUT, FailureKind.of(thrown));
        assertEquals(1, ollama.chatCount("qwen2.5:7b"), "a timed-out chat is not sent again");
        assertTrue(waited.compareTo(Duration.ofSeconds(10)) < 0, () -> "gave up after " + waited);
    }

    @Test
    void should_stop_reading_hang_up_and_fail_naming_the_endpoint_and_the_cap_when_a_reply_outgrows_the_cap() throws Exception {
        ollama.model("qwen2.5:7b").thenAlways(OllamaReply.flooding());
        // User-info the request carries must not reach the error: it ends up in logs and fallback paths.
        String withUserInfo = ollama.baseUrl().replace("http://", "http://quorum:s3cret@");

        RuntimeException thrown = assertThrows(RuntimeException.class, () -> CLIENT.execute(chat(withUserInfo, "qwen2.5:7b")));

        assertEquals(FailureKind.REPLY_TOO_LARGE, FailureKind.of(thrown), thrown.toString());
        assertEquals("reply from http://***@127.0.0.1:" + ollama.baseUrl().replaceAll(".*:", "")
                + "/api/chat cut at the reply size cap of 4 MiB (4194304 bytes) and the connection closed", thrown.getMessage());
        assertTrue(ollama.awaitInFlightAtMost(0, Duration.ofSeconds(10)), "the client hung up: the server stopped sending");
        // What the server got out is the cap plus what the loopback sockets' buffers held, not a call timeout's worth.
        long sent = ollama.endlessBytesSent();
        assertTrue(sent < 8 * BlockingHttpClient.MAX_REPLY_BYTES, () -> sent + " bytes sent");
        assertEquals(1, ollama.chatCount("qwen2.5:7b"), "not sent again");
    }

    @Test
    void should_show_the_endpoint_without_user_info_when_it_times_out_or_cannot_be_reached() {
        ollama.model("qwen2.5:7b").thenAlways(OllamaReply.content("{}").after(Duration.ofSeconds(30)));
        BlockingHttpClient impatient = BlockingHttpClient.builder()
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofMillis(300)).build();

        TimeoutException slow = assertThrows(TimeoutException.class,
                () -> impatient.execute(chat(ollama.baseUrl().replace("http://", "http://quorum:s3cret@"), "qwen2.5:7b")));
        RuntimeException down = assertThrows(RuntimeException.class,
                () -> CLIENT.execute(chat(OllamaTestServer.closedPortUrl().replace("http://", "http://quorum:s3cret@"), "qwen2.5:7b")));

        assertTrue(slow.getMessage().startsWith("no answer from http://***@127.0.0.1:"), slow.getMessage());
        assertTrue(down.getMessage().startsWith("http://***@127.0.0.1:"), down.getMessage());
        assertFalse(down.getCause().getMessage().contains("s3cret"), down.getCause().getMessage());
    }

    @Test
    void should_tell_a_refused_connection_apart_as_unreachable() {
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> CLIENT.execute(chat(OllamaTestServer.closedPortUrl(), "qwen2.5:7b")));

        assertEquals(FailureKind.UNREACHABLE, FailureKind.of(thrown), thrown.toString());
    }

    @Test
    void should_keep_one_connection_for_calls_one_after_another_and_read_a_chunked_answer() throws Exception {
        try (BareHttpServer server = new BareHttpServer()) {
            for (int call = 0; call < 3; call++) {
                SuccessfulHttpResponse response = CLIENT.execute(chat(server.baseUrl(), "qwen2.5:7b"));
                assertEquals("{\"message\":{\"content\":\"chunked answer\"}}", response.body());
            }
            assertEquals(1, server.connections.get(), "the keep-alive connection is reused");
            assertEquals(3, server.requestLines.size());
            assertEquals("POST /api/chat HTTP/1.1", server.requestLines.get(0));
        }
    }

    @Test
    void should_send_a_chat_once_more_on_a_new_connection_when_the_first_breaks_before_the_answer() throws Exception {
        try (BareHttpServer server = new BareHttpServer(1)) {
            SuccessfulHttpResponse response = CLIENT.execute(chat(server.baseUrl(), "qwen2.5:7b"));

            assertEquals("{\"message\":{\"content\":\"chunked answer\"}}", response.body());
            assertEquals(2, server.connections.get(), "the first connection was closed unanswered");
            assertEquals(2, server.requestLines.size(), "sent twice");
        }
    }

    @Test
    void should_refuse_what_quorum_never_sends_with_a_clear_error() {
        HttpRequest form = HttpRequest.builder().method(HttpMethod.POST).url(ollama.baseUrl(), "/api/chat")
                .addFormDataField("model", "qwen2.5:7b").build();
        IllegalArgumentException formData = assertThrows(IllegalArgumentException.class, () -> CLIENT.execute(form));
        assertTrue(formData.getMessage().contains("form data is not supported"), formData.getMessage());

        UnsupportedOperationException streaming = assertThrows(UnsupportedOperationException.class,
                () -> CLIENT.execute(chat(ollama.baseUrl(), "qwen2.5:7b"), new ServerSentEventListener() {
                    @Override
                    public void onEvent(dev.langchain4j.http.client.sse.ServerSentEvent event) {
                    }

                    @Override
                    public void onError(Throwable throwable) {
                    }
                }));
        assertTrue(streaming.getMessage().contains("streaming is not supported"), streaming.getMessage());
    }

    /**
     * Answers every request on a connection with a chunked 200, as Go's net/http (Ollama's server) does for a body
     * it did not size up front, and counts the connections it accepted. One connection at a time; the first ones can
     * be closed unanswered.
     */
    static final class BareHttpServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        final AtomicInteger connections = new AtomicInteger();
        final List<String> requestLines = new CopyOnWriteArrayList<>();
        /** The connection being served: closed with the server, since the client keeps it open for the next call. */
        volatile Socket current;
        final Thread acceptor = new Thread(this::serve, "bare-http-server");

        /** Connections closed after reading their first request, unanswered, before one is served. */
        final AtomicInteger toBreak;

        BareHttpServer() throws IOException {
            this(0);
        }

        BareHttpServer(int connectionsToBreak) throws IOException {
            toBreak = new AtomicInteger(connectionsToBreak);
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    current = connection;
                    connections.incrementAndGet();
                    BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
                    OutputStream out = connection.getOutputStream();
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        requestLines.add(line);
                        int length = 0;
                        for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                            if (header.toLowerCase().startsWith("content-length:")) {
                                length = Integer.parseInt(header.substring("content-length:".length()).strip());
                            }
                        }
                        for (long left = length; left > 0; ) {
                            left -= in.skip(left); // ISO-8859-1: one char per byte
                        }
                        if (toBreak.getAndDecrement() > 0) {
                            break;
                        }
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n"
                                + "11\r\n{\"message\":{\"cont\r\n"
                                + "17\r\nent\":\"chunked answer\"}}\r\n"
                                + "0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                } catch (IOException e) {
                    // closed: the test is over
                }
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            Socket serving = current;
            if (serving != null) {
                serving.close();
            }
            acceptor.join(5_000);
        }
    }
}
