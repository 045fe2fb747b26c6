package dev.quorum.envelope;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.stream.Collectors;

/** Captures what the envelope code logs while open, so tests can assert on WARN texts and on absent secrets. */
public final class CapturedLogs implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public CapturedLogs() {
        appender.start();
        root.addAppender(appender);
    }

    /** Every captured line as "LEVEL message" (formatted, with exception messages). */
    public List<String> lines() {
        synchronized (appender.list) {
            return appender.list.stream()
                    .map(e -> e.getLevel() + " " + e.getFormattedMessage()
                            + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()))
                    .collect(Collectors.toList());
        }
    }

    public String text() {
        return String.join("\n", lines());
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
