package dev.quorum.memory.metalearner;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The append-only training log (CSV: {@code step,decision_id,predicted,actual,loss,inputs}, inputs joined by
 * {@code ;}). Each line carries the exact network input, so the updates made after the last checkpoint can be
 * replayed on restore: a crash between checkpoints loses no learning.
 */
final class TrainingLog {

    static final String HEADER = "step,decision_id,predicted,actual,loss,inputs";

    /** One logged update: the public step plus the input it was trained on. */
    record Entry(TrainingStep step, double[] input) {
    }

    private final Path file;

    TrainingLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    void append(TrainingStep step, double[] input) {
        String inputs = Arrays.stream(input).mapToObj(Double::toString).collect(Collectors.joining(";"));
        String line = step.step() + "," + step.decisionId() + "," + step.predicted() + "," + step.actual() + ","
                + step.loss() + "," + inputs + "\n";
        try {
            boolean fresh = Files.notExists(file);
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                if (fresh) {
                    out.write(HEADER + "\n");
                }
                out.write(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the meta-learner training log " + file, e);
        }
    }

    List<Entry> readAll() {
        if (Files.notExists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the meta-learner training log " + file, e);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && line.equals(HEADER) || line.isBlank()) {
                continue;
            }
            entries.add(parse(line, i + 1));
        }
        return entries;
    }

    private Entry parse(String line, int lineNumber) {
        String[] fields = line.split(",", -1);
        if (fields.length != 6) {
            throw new IllegalStateException(file + " line " + lineNumber + ": expected 6 comma-separated fields ("
                    + HEADER + "), found " + fields.length);
        }
        try {
            TrainingStep step = new TrainingStep(Long.parseLong(fields[0]), fields[1], Double.parseDouble(fields[2]),
                    Double.parseDouble(fields[3]), Double.parseDouble(fields[4]));
            double[] input = Arrays.stream(fields[5].split(";")).mapToDouble(Double::parseDouble).toArray();
            return new Entry(step, input);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + " line " + lineNumber + ": not a number: " + e.getMessage(), e);
        }
    }
}
