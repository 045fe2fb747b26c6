package dev.quorum.memory.recall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.agents.json.Json;
import dev.quorum.envelope.Verdict;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolved situations whose indexing failed, oldest first, persisted as JSON lines so they survive a
 * restart. Bounded: when full, a new situation is refused (the caller logs it; it can be re-indexed from the
 * outcomes in the SQLite store, the system of record).
 */
final class PendingIndexQueue {

    private static final ObjectMapper JSON = Json.MAPPER;

    /** The JSON form of one line; dates as ISO strings. */
    private record Line(String situationId, String ticker, String tradeDate, Map<String, Object> features,
                        List<AgentCall> calls, String verdict, String knownAt, double realisedReturn, String outcome) {

        static Line of(ResolvedSituation r) {
            Situation s = r.situation();
            return new Line(r.situationId(), s.ticker(), s.tradeDate().toString(), s.features(), s.calls(),
                    r.verdict().name(), r.knownAt().toString(), r.realisedReturn(), r.outcome().name());
        }

        ResolvedSituation toResolved() {
            return new ResolvedSituation(situationId, new Situation(ticker, LocalDate.parse(tradeDate), features, calls),
                    Verdict.valueOf(verdict), LocalDate.parse(knownAt), realisedReturn, OutcomeLabel.valueOf(outcome));
        }
    }

    private final Path file;
    private final int capacity;
    private final Deque<ResolvedSituation> pending = new ArrayDeque<>();

    /**
     * @throws UnusableRecallStoreException naming the file and line when the file holds something unreadable (it is
     *                               left untouched: those are situations waiting to be indexed)
     */
    PendingIndexQueue(Path file, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("pending indexing capacity must be >= 1, was " + capacity);
        }
        this.file = file;
        this.capacity = capacity;
        UnusableRecallStoreException.refuseFileAsParent(file);
        if (Files.exists(file)) {
            load();
        }
    }

    private void load() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UnusableRecallStoreException(file, "cannot read pending situation indexing", e);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                pending.addLast(JSON.readValue(lines.get(i), Line.class).toResolved());
            } catch (JsonProcessingException | RuntimeException e) {
                throw new UnusableRecallStoreException(file, "line " + (i + 1) + " is not a pending situation", e);
            }
        }
    }

    /** Appends {@code resolved}; false when the queue is full. */
    synchronized boolean offer(ResolvedSituation resolved) {
        if (pending.size() >= capacity) {
            return false;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                out.write(JSON.writeValueAsString(Line.of(resolved)));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot queue situation " + resolved.situationId() + " in " + file, e);
        }
        pending.addLast(resolved);
        return true;
    }

    synchronized Optional<ResolvedSituation> oldest() {
        return Optional.ofNullable(pending.peekFirst());
    }

    /** Removes the oldest entry (just indexed) and rewrites the file without it. */
    synchronized void removeOldest() {
        pending.removeFirst();
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            for (ResolvedSituation resolved : pending) {
                out.write(JSON.writeValueAsString(Line.of(resolved)));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite pending situation indexing " + temporary, e);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move pending situation indexing into place at " + file, e);
        }
    }

    synchronized int size() {
        return pending.size();
    }
}
