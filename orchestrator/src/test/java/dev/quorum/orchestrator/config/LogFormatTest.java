package dev.quorum.orchestrator.config;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped logback.xml in both formats: a fresh logger context configured from it, with QUORUM_LOG_FORMAT set as
 * a context property (logback reads it before the environment), writing to a captured stderr.
 */
class LogFormatTest {

    @Test
    void should_write_one_json_object_per_event_with_json() throws Exception {
        String written = log("json", "cycle for {} took {} s\nforged line", "AAPL", 2);

        assertEquals(1, written.lines().count(), "one line per event, the newline escaped: " + written);
        JsonNode event = new ObjectMapper().readTree(written);
        assertEquals("INFO", event.path("level").asText());
        assertEquals("dev.quorum.test", event.path("loggerName").asText());
        assertEquals("cycle for {} took {} s\nforged line", event.path("message").asText());
        assertEquals("AAPL", event.path("arguments").path(0).asText());
        assertEquals("cycle for AAPL took 2 s\nforged line", event.path("formattedMessage").asText());
    }

    @Test
    void should_write_a_plain_line_with_text() throws Exception {
        String written = log("text", "cycle for {} took {} s\nforged line", "AAPL", 2);

        assertEquals(1, written.lines().count(), written);
        assertTrue(written.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  dev\\.quorum\\.test - cycle for AAPL took 2 s\\?forged line\\R"), written);
    }

    private static String log(String format, String message, Object... args) throws Exception {
        LoggerContext context = new LoggerContext();
        context.putProperty("QUORUM_LOG_FORMAT", format);
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
            // logback.xml silences logback's own status report: a problem in either file must show here instead.
            assertTrue(new StatusUtil(context).getHighestLevel(0) < Status.WARN, "logback configured " + format + " cleanly: "
                    + context.getStatusManager().getCopyOfStatusList());
            context.getLogger("dev.quorum.test").info(message, args);
        } finally {
            context.stop();
            System.setErr(stderr);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
