package dev.quorum.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * What a test opened, closed in reverse order (the last opened depends on the earlier ones: a runtime on its Redis,
 * a server on its runtime). Every one is closed even when one fails; the first failure is thrown with the others
 * suppressed, so an {@code @AfterEach} never leaves a server running behind a failed close.
 */
public final class Closer implements AutoCloseable {

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Registers {@code closeable} and returns it, for {@code var server = closer.add(Server.start())}. */
    public <T extends AutoCloseable> T add(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    /** Closes everything registered, the last first, and forgets it (the closer can be used again). */
    @Override
    public void close() throws Exception {
        Exception first = null;
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        opened.clear();
        if (first != null) {
            throw first;
        }
    }
}
