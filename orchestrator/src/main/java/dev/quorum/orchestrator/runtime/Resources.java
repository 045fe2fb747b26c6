package dev.quorum.orchestrator.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a runtime opened (connections, thread pools, the data-directory lock), closed in the reverse order of opening:
 * a component is closed before the ones it was built on. When a later component fails to build, what was built
 * before it is closed the same way.
 */
final class Resources implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Resources.class);

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** Takes {@code resource} to close with the runtime; returns it. */
    <T extends AutoCloseable> T own(T resource) {
        opened.push(resource);
        return resource;
    }

    @Override
    public void close() {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                log.warn("closing a component failed: {}", e.getMessage());
            }
        }
    }
}
