package dev.quorum.orchestrator.reliability.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.orchestrator.reliability.ServedQuorum;
import dev.quorum.orchestrator.reliability.ServedQuorum.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real {@code quorum serve} on its defaults (no token configured), attacked the way a web page open in the
 * operator's browser would: cross-site POSTs with {@code text/plain} bodies, a DNS-rebinding {@code Host}, and raw
 * malformed requests that Jetty refuses before routing. The schedule must survive all of it, and only the
 * generated control token (printed once, stored 0600) lets a same-origin client change state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DriveByControlTest {

    private final ObjectMapper json = new ObjectMapper();
    private Path state;
    private ServedQuorum quorum;
    private URI api;

    @BeforeAll
    void serve(@TempDir Path dir) throws Exception {
        state = dir.resolve("state");
        Path config = ServedQuorum.writeConfig(state, null, "");
        quorum = ServedQuorum.start(dir.resolve("logs"), Map.of(), "serve", "--config", config.toString());
        api = quorum.awaitApi();
    }

    @AfterAll
    void stop() throws Exception {
        quorum.terminate();
        assertEquals(0, quorum.awaitExit(Duration.ofSeconds(60)), quorum.stderr());
    }

    private String controlToken() throws IOException {
        return Files.readString(state.resolve("api-token")).strip();
    }

    private boolean scheduled() throws Exception {
        return json.readTree(quorum.send(api, "GET", "/api/status", Optional.empty(), null).body()).get("scheduled").asBoolean();
    }

    @Test
    void should_generate_the_control_token_once_print_it_once_and_keep_it_owner_only() throws Exception {
        Path file = state.resolve("api-token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String token = controlToken();
        assertEquals(64, token.length(), "32 random bytes, hex");
        String stdout = quorum.stdout();
        assertEquals(1, stdout.split(token, -1).length - 1, "printed exactly once on stdout:\n" + stdout);
        assertFalse(quorum.stderr().contains(token), "the log names the file, never the token");
    }

    @Test
    void should_refuse_a_cross_site_text_plain_post_to_stop_the_schedule() throws Exception {
        assertTrue(scheduled());
        for (String route : new String[]{"/api/stop", "/api/scan", "/api/feedback"}) {
            // What <form enctype="text/plain"> or fetch(..., {mode: 'no-cors'}) sends: a simple request, no preflight.
            Reply forged = raw("POST " + route + " HTTP/1.1\r\nHost: " + api.getAuthority() + "\r\nOrigin: http://evil.example\r\n"
                    + "Content-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
            assertEquals(403, forged.status(), route + ": " + forged.body());
            assertEquals("forbidden_origin", json.readTree(forged.body()).get("error").asText());
            // Even a page that learned the token cannot spend it from another origin.
            Reply withToken = raw("POST " + route + " HTTP/1.1\r\nHost: " + api.getAuthority() + "\r\nOrigin: http://evil.example\r\n"
                    + "Authorization: Bearer " + controlToken() + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            assertEquals(403, withToken.status(), route + ": " + withToken.body());
        }
        Reply noOrigin = raw("POST /api/stop HTTP/1.1\r\nHost: " + api.getAuthority() + "\r\nContent-Type: text/plain\r\n"
                + "Authorization: Bearer " + controlToken() + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertEquals(415, noOrigin.status(), noOrigin.body());
        assertEquals(401, quorum.send(api, "POST", "/api/stop", Optional.empty(), null).status(),
                "control needs the generated token");
        assertTrue(scheduled(), "the schedule survived every forged request");

        Reply sameOrigin = raw("POST /api/stop HTTP/1.1\r\nHost: " + api.getAuthority() + "\r\nOrigin: http://" + api.getAuthority()
                + "\r\nAuthorization: Bearer " + controlToken() + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertEquals(200, sameOrigin.status(), sameOrigin.body());
        assertFalse(scheduled());
        assertEquals(200, quorum.send(api, "POST", "/api/start", Optional.of(controlToken()), null).status());
        assertTrue(scheduled());
    }

    @Test
    void should_refuse_a_rebinding_host_on_every_route() throws Exception {
        for (String route : new String[]{"/api/decisions", "/api/status", "/health", "/metrics", "/"}) {
            Reply rebound = raw("GET " + route + " HTTP/1.1\r\nHost: attacker.example:" + api.getPort() + "\r\nConnection: close\r\n\r\n");
            assertEquals(421, rebound.status(), route + ": " + rebound.body());
            assertEquals("misdirected_request", json.readTree(rebound.body()).get("error").asText());
            Reply wrongPort = raw("GET " + route + " HTTP/1.1\r\nHost: 127.0.0.1:1\r\nConnection: close\r\n\r\n");
            assertEquals(421, wrongPort.status(), route + ": " + wrongPort.body());
        }
        Reply localhost = raw("GET /api/decisions HTTP/1.1\r\nHost: localhost:" + api.getPort() + "\r\nConnection: close\r\n\r\n");
        assertEquals(200, localhost.status(), localhost.body());
    }

    @Test
    void should_answer_jettys_own_refusals_with_the_api_json_error() throws Exception {
        String host = "Host: " + api.getAuthority() + "\r\n";
        Map<String, String> refusals = Map.of(
                "malformed request line", "GARBAGE\r\n\r\n",
                "header over the limit", "GET /api/status HTTP/1.1\r\n" + host + "X-Big: " + "a".repeat(64 * 1024) + "\r\n\r\n",
                "undecodable URI", "GET /api/%zz HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
                "ambiguous URI", "GET /api/%2e%2e/health HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            Reply reply = raw(refusal.getValue());
            assertTrue(reply.status() >= 400 && reply.status() < 500, refusal.getKey() + ": " + reply.status() + " " + reply.body());
            assertTrue(reply.contentType().startsWith("application/json"), refusal.getKey() + ": " + reply.headers() + reply.body());
            JsonNode body = json.readTree(reply.body());
            assertTrue(body.path("error").isTextual() && body.path("detail").isTextual(), refusal.getKey() + ": " + reply.body());
            assertFalse(reply.body().contains("<"), refusal.getKey() + ": " + reply.body());
        }
    }

    /** One request as raw bytes: the headers a browser or an attacker sets, which an HTTP client library refuses to. */
    private Reply raw(String request) throws IOException {
        try (Socket socket = new Socket(api.getHost(), api.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            int status = Integer.parseInt(head.split(" ", 3)[1]);
            String contentType = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring("content-type:".length()).strip()).findFirst().orElse("");
            return new Reply(status, contentType, head, body);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
