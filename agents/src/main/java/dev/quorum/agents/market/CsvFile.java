package dev.quorum.agents.market;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file with a header line (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks),
 * read whole. Every record remembers the line it starts on so that errors can name file, line and column.
 */
final class CsvFile {

    private final List<CsvRecord> records;

    private CsvFile(List<CsvRecord> records) {
        this.records = records;
    }

    /**
     * Reads {@code file} and checks that its header has every required column.
     *
     * @param maxBytes the largest file accepted
     * @throws MarketDataException when the file is missing, unreadable, malformed or lacks a column
     */
    static CsvFile read(Path file, List<String> requiredColumns, long maxBytes) {
        String content;
        try {
            // Read whole, so bounded first: an oversized file is refused in one line, not an OutOfMemoryError.
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new MarketDataException(file + ": " + size + " bytes, over the limit of " + maxBytes
                        + " bytes per market-data file (market.max_file_mb); split or trim it");
            }
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new MarketDataException(file + ": file not found");
        } catch (IOException e) {
            throw new MarketDataException(file + ": cannot read: " + e.getMessage(), e);
        }
        List<String[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        parse(file, content, rows, lines);
        if (rows.isEmpty()) {
            throw new MarketDataException(file + ": line 1: empty file, expected a header with columns " + requiredColumns);
        }
        String[] header = rows.get(0);
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            columns.put(header[i].strip(), i);
        }
        for (String required : requiredColumns) {
            if (!columns.containsKey(required)) {
                throw MarketDataException.at(file, 1, required, "missing column in header " + String.join(",", header));
            }
        }
        List<CsvRecord> records = new ArrayList<>(rows.size() - 1);
        for (int i = 1; i < rows.size(); i++) {
            String[] fields = rows.get(i);
            if (fields.length != header.length) {
                throw new MarketDataException(file + ": line " + lines.get(i) + ": " + fields.length
                        + " fields, the header has " + header.length);
            }
            records.add(new CsvRecord(file, lines.get(i), columns, fields));
        }
        return new CsvFile(records);
    }

    List<CsvRecord> records() {
        return records;
    }

    private static void parse(Path file, String content, List<String[]> rows, List<Long> lines) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        long line = 1;
        long recordLine = 1;
        boolean quoted = false;
        boolean fieldStarted = false;
        int i = 0;
        int n = content.length();
        if (n > 0 && content.charAt(0) == '\uFEFF') {
            i = 1; // byte order mark
        }
        for (; i < n; i++) {
            char c = content.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && content.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && content.charAt(i + 1) == '\n') {
                    i++;
                }
                if (fieldStarted || field.length() > 0 || !fields.isEmpty()) {
                    fields.add(field.toString());
                    rows.add(fields.toArray(String[]::new));
                    lines.add(recordLine);
                }
                fields.clear();
                field.setLength(0);
                fieldStarted = false;
                line++;
                recordLine = line;
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        if (quoted) {
            throw new MarketDataException(file + ": line " + recordLine + ": unterminated quoted field");
        }
        if (fieldStarted || field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            rows.add(fields.toArray(String[]::new));
            lines.add(recordLine);
        }
    }
}
