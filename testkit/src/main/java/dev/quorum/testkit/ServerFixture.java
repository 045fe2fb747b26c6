package dev.quorum.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Servers a test class shares: {@code @RegisterExtension static final RedisCluster CLUSTER = new RedisCluster();}
 * starts them before the class's first test and stops them after its last; or call {@link #start()} and
 * {@link #close()} yourself.
 */
public interface ServerFixture extends BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** Starts every process and returns once they are ready to use; fails saying which one is not. */
    void start();

    /** Stops every process. */
    @Override
    void close();

    @Override
    default void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    default void afterAll(ExtensionContext context) {
        close();
    }
}
