package dev.quorum.orchestrator.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where the CPU of this JVM went between two moments: its JIT compilers, its collector, and its threads by name
 * ({@code ollama-call-3} counts as {@code ollama-call}). On the 2-core machine the cycle's overhead is CPU queued
 * behind CPU, so the benchmark says whose it is. Threads that ended in between and the JVM's other work are in the
 * process total only.
 */
record CpuUse(double processMs, double jitMs, double gcMs, Map<String, Double> threadsMs) {

    /** The counters at one moment. */
    record Snapshot(long processNs, long jitMs, long gcMs, Map<Long, Long> threadNs) {

        static Snapshot now() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Map<Long, Long> byThread = new HashMap<>();
            for (long id : threads.getAllThreadIds()) {
                byThread.put(id, threads.getThreadCpuTime(id));
            }
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long gc = ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
            return new Snapshot(os.getProcessCpuTime(), ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), gc, byThread);
        }

        /** The CPU used from this snapshot to now. */
        CpuUse since() {
            Snapshot end = now();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Map<Long, String> names = new HashMap<>();
            for (ThreadInfo info : threads.getThreadInfo(end.threadNs.keySet().stream().mapToLong(Long::longValue).toArray())) {
                if (info != null) {
                    names.put(info.getThreadId(), info.getThreadName());
                }
            }
            Map<String, Long> used = new HashMap<>();
            end.threadNs.forEach((id, ns) -> {
                if (names.containsKey(id) && ns >= 0) {
                    used.merge(names.get(id), ns - Math.max(0, threadNs.getOrDefault(id, 0L)), Long::sum);
                }
            });
            return CpuUse.of(end.processNs - processNs, end.jitMs - jitMs, end.gcMs - gcMs, used);
        }
    }

    /** From raw counters: nanoseconds of the process and of each thread by name, milliseconds of JIT and GC. */
    static CpuUse of(long processNs, long jitMs, long gcMs, Map<String, Long> threadNsByName) {
        Map<String, Double> byGroup = new TreeMap<>();
        threadNsByName.forEach((name, ns) -> byGroup.merge(group(name), ns / 1e6, Double::sum));
        return new CpuUse(processNs / 1e6, jitMs, gcMs, byGroup);
    }

    /** A pool's threads under one name: the trailing number and dashes go. */
    static String group(String threadName) {
        String group = threadName.replaceAll("[-0-9]+$", "");
        return group.isEmpty() ? threadName : group;
    }

    /**
     * "62.0 ms per decision: JIT compiler 20.0, GC 0.0; threads: ollama-call 6.0, main 5.2" with the threads of at least
     * 0.5 ms per decision, largest first.
     */
    String describe(int decisions) {
        int n = Math.max(1, decisions);
        Map<String, Double> shown = threadsMs.entrySet().stream().filter(e -> e.getValue() / n >= 0.5)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        return String.format(Locale.ROOT, "%.1f ms per decision: JIT compiler %.1f, GC %.1f; threads: %s", processMs / n,
                jitMs / n, gcMs / n, shown.entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() / n)).collect(Collectors.joining(", ")));
    }
}
