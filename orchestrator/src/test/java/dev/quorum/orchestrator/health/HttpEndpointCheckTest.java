package dev.quorum.orchestrator.health;

import dev.quorum.testkit.ChromaServer;
import dev.quorum.testkit.EndlessReplyServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chroma's heartbeat check against the real Chroma server and against one whose answer never ends. */
class HttpEndpointCheckTest {

    /** Far beyond the check's 2 s: the preemptive guard only stops the test from hanging if the bound were broken. */
    static final Duration GUARD = Duration.ofSeconds(15);

    @Test
    void should_be_up_when_chroma_answers_its_heartbeat() {
        try (ChromaServer chroma = new ChromaServer()) {
            chroma.start();

            CheckResult result = HttpEndpointCheck.chroma(chroma.baseUrl() + "/").check();

            assertTrue(result.up(), result.detail());
            assertEquals("GET " + chroma.baseUrl() + "/api/v2/heartbeat -> 200", result.detail());
        }
    }

    @Test
    void should_report_a_heartbeat_that_drips_its_body_within_the_timeout() {
        try (EndlessReplyServer chroma = EndlessReplyServer.dripping(Duration.ofMillis(50))) {
            CheckResult result = assertTimeoutPreemptively(GUARD, () -> HttpEndpointCheck.chroma(chroma.baseUrl()).check());

            assertFalse(result.up(), result.detail());
            assertEquals("GET " + chroma.baseUrl() + "/api/v2/heartbeat failed: no answer from " + chroma.baseUrl()
                    + "/api/v2/heartbeat within 2000 ms", result.detail());
            assertTrue(result.millis() < 4000, "the whole answer is bounded, not each wait for a byte: " + result.millis());
        }
    }

    @Test
    void should_report_a_heartbeat_that_floods_its_body_at_the_size_cap() {
        try (EndlessReplyServer chroma = EndlessReplyServer.flooding()) {
            CheckResult result = assertTimeoutPreemptively(GUARD, () -> HttpEndpointCheck.chroma(chroma.baseUrl()).check());

            assertFalse(result.up(), result.detail());
            assertEquals("GET " + chroma.baseUrl() + "/api/v2/heartbeat failed: reply from " + chroma.baseUrl()
                    + "/api/v2/heartbeat cut at the reply size cap of 4 MiB (4194304 bytes) and the connection closed",
                    result.detail());
        }
    }

    @Test
    void should_not_show_the_password_of_a_chroma_url_with_user_info() {
        try (EndlessReplyServer chroma = EndlessReplyServer.flooding()) {
            String withPassword = chroma.baseUrl().replace("://", "://quorum:s3cret@");

            CheckResult result = assertTimeoutPreemptively(GUARD, () -> HttpEndpointCheck.chroma(withPassword).check());

            assertFalse(result.detail().contains("s3cret"), result.detail());
            assertTrue(result.detail().startsWith("GET http://***@127.0.0.1:"), result.detail());
        }
    }
}
