package dev.quorum.agents.market;

import java.nio.file.Path;

/**
 * Whether a file's data can be held before it is loaded: a file within {@code market.max_file_mb} can still hold
 * more bars than a small heap (a raised limit, a service unit's -Xmx), and running out of heap ends the JVM
 * instead of naming the file.
 */
final class HeapRoom {

    private static final long MB = 1L << 20;

    private HeapRoom() {
    }

    /**
     * @throws MarketDataException naming the file and the heap when {@code items × bytesPerItem} does not fit in
     *                             the heap this JVM may still use
     */
    static void require(Path file, long items, int bytesPerItem) {
        long needed = items * bytesPerItem;
        if (needed <= free()) {
            return;
        }
        // What the heap holds now includes garbage (the counting pass made some): collect it once before refusing,
        // on this rare path only.
        System.gc();
        long free = free();
        if (needed > free) {
            Runtime runtime = Runtime.getRuntime();
            throw new MarketDataException(file + ": " + items + " rows need " + (needed + MB - 1) / MB + " MB of heap, "
                    + free / MB + " MB of the JVM's " + runtime.maxMemory() / MB + " MB are free; give it more"
                    + " (QUORUM_JAVA_OPTS=-Xmx...) or trim the file");
        }
    }

    private static long free() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }
}
