package dev.quorum.orchestrator.reliability.soak;

import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.cycle.TickerDecision;
import dev.quorum.orchestrator.reliability.Fuzz;
import dev.quorum.orchestrator.reliability.Published;
import dev.quorum.orchestrator.reliability.QuorumRig;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bounded soak: decisions over the sample's tickers and sessions with the LLM panel on the fast Ollama test server,
 * faults injected at random from a seed (Redis killed and restarted with its append-only file, Redis restarted
 * after a while, first model busy for a stretch, first model answering garbage). Prints what it did and the
 * memory at start and end; asserts nothing is lost. Short by default (part of the normal suite);
 * {@code -Dquorum.soak.decisions=10000} for the long run, {@code -Dquorum.soak.backend=rules} for the rules panel
 * (Ollama faults then touch nothing), {@code -Dquorum.fuzz.seed=N} to replay another seed.
 */
class SoakTest {

    private static final String SIGNAL = "{\"signal\": \"%s\", \"confidence\": 0.6, \"summary\": \"soak\", \"key_factors\": [\"k\"]}";
    private static final List<String> DIRECTIONS = List.of("BULLISH", "BEARISH", "NEUTRAL");

    @TempDir
    Path dir;

    @Test
    void should_lose_nothing_over_a_seeded_run_of_decisions_with_random_faults() throws Exception {
        int target = Integer.getInteger("quorum.soak.decisions", 100);
        boolean llm = !"rules".equals(System.getProperty("quorum.soak.backend", "ollama"));
        Fuzz fuzz = Fuzz.seeded("soak");
        List<String> tickers = QuorumRig.TICKERS;
        List<LocalDate> sessions = QuorumRig.lastSessions(QuorumRig.sampleMarket(), 250);
        Memory start = Memory.now();
        long began = System.nanoTime();
        int decided = 0;
        int degraded = 0;
        int published = 0;
        int faults = 0;
        try (RedisServer redis = new RedisServer(List.of("--appendonly", "yes", "--appendfsync", "always"));
             OllamaTestServer ollama = OllamaTestServer.start()) {
            redis.start();
            ollama.model(QuorumRig.FIRST_MODEL).thenAlways(OllamaReply.content(chat -> answer(chat.content("user"))));
            ollama.model(QuorumRig.SECOND_MODEL).thenAlways(OllamaReply.content(chat -> answer(chat.content("user"))));
            Path state = dir.resolve("state");
            boolean redisUp = true;
            try (QuorumRuntime runtime = QuorumRuntime.open(QuorumRig.config(state, QuorumRig.sampleMarket(), redis.url(),
                    llm ? QuorumRig.llmPanel(ollama.baseUrl()) : ""), PublishTarget.REDIS)) {
                for (int step = 0; decided < target; step++) {
                    switch (fuzz.nextInt(40)) {
                        case 0 -> {
                            if (redisUp) {
                                redis.kill();
                                redisUp = false;
                                faults++;
                            }
                        }
                        case 1, 2 -> {
                            if (!redisUp) {
                                redis.restart();
                                redisUp = true;
                            }
                        }
                        case 3 -> {
                            ollama.model(QuorumRig.FIRST_MODEL).thenAlways(OllamaReply.busy());
                            faults++;
                        }
                        case 4 -> {
                            ollama.model(QuorumRig.FIRST_MODEL).thenAlways(OllamaReply.content("not json at all"));
                            faults++;
                        }
                        case 5, 6 -> ollama.model(QuorumRig.FIRST_MODEL).thenAlways(OllamaReply.content(chat -> answer(chat.content("user"))));
                        default -> {
                        }
                    }
                    LocalDate date = sessions.get(step % sessions.size());
                    CycleReport report = runtime.cycle().run(tickers, date, () -> false);
                    assertTrue(report.complete(), "step " + step + ": " + report.failed());
                    decided += report.decided().size();
                    degraded += (int) report.decided().stream().filter(d -> !d.degraded().isEmpty()).count();
                    published += runtime.publisher().drain();
                }
                if (!redisUp) {
                    redis.restart();
                }
                published += runtime.publisher().drain();
                published += runtime.publisher().drain();
            }
            try (UnifiedJedis client = RedisConnections.open(RedisUrl.parse(redis.url()))) {
                List<String> consumed = Published.consumedByNewGroup(client);
                Set<String> stored = Published.storedDecisionIds(state.resolve("quorum.db"));
                Set<String> lost = new HashSet<>(stored);
                lost.removeAll(consumed);
                int duplicates = consumed.size() - new HashSet<>(consumed).size();
                Memory end = Memory.now();
                System.out.printf("SOAK seed %d, %s panel: %d decisions (%d degraded) in %.1f s, %d faults injected, %d published,"
                                + " %d consumed by a group, %d duplicates seen, %d lost; heap %d -> %d MiB, RSS %d -> %d MiB%n",
                        fuzz.seed(), llm ? "LLM (Ollama test server)" : "rules", decided, degraded, (System.nanoTime() - began) / 1e9, faults, published, consumed.size(),
                        duplicates, lost.size(), start.heapMiB, end.heapMiB, start.rssMiB, end.rssMiB);
                assertEquals(Set.of(), lost, "decisions stored but never published");
                assertEquals(stored.size(), published, "each decision published by the outbox once");
                assertEquals(0, Published.pendingOutbox(state.resolve("quorum.db")));
            }
        }
    }

    /** A deterministic, valid answer that varies with the prompt, so votes and verdicts vary. */
    private static String answer(String prompt) {
        return SIGNAL.formatted(DIRECTIONS.get(Math.floorMod(prompt.hashCode(), 3)));
    }

    /** Heap in use after a collection, and the process's resident set from /proc. */
    private record Memory(long heapMiB, long rssMiB) {
        static Memory now() throws IOException {
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
            long rss = -1;
            Path status = Path.of("/proc/self/status");
            if (Files.exists(status)) {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        rss = Long.parseLong(line.replaceAll("\\D", "")) >> 10;
                    }
                }
            }
            return new Memory(heap, rss);
        }
    }
}
