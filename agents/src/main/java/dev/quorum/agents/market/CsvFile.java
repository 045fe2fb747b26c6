package dev.quorum.agents.market;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A CSV file with a header line (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks), read
 * streaming: one record at a time, so what reading costs does not grow with the file (callers keep only what they
 * convert). Every record remembers the line it starts on so that errors can name file, line and column. Iterate it
 * once, inside try-with-resources.
 */
final class CsvFile implements Iterable<CsvRecord>, AutoCloseable {

    private static final int EOF = -1;

    private final Path file;
    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private long line = 1;
    private long recordLine;
    private final StringBuilder field = new StringBuilder();
    private final List<String> fields = new ArrayList<>();
    private Map<String, Integer> columns;
    private int width;
    private boolean iterated;

    private CsvFile(Path file, Reader in) {
        this.file = file;
        this.in = in;
    }

    /**
     * Opens {@code file} and checks that its header has every required column.
     *
     * @param maxBytes the largest file accepted
     * @throws MarketDataException when the file is missing, unreadable, malformed or lacks a column
     */
    static CsvFile open(Path file, List<String> requiredColumns, long maxBytes) {
        CsvFile csv;
        try {
            // Bounded before reading: what the rows are converted to still grows with the file.
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new MarketDataException(file + ": " + size + " bytes, over the limit of " + maxBytes
                        + " bytes per market-data file (market.max_file_mb); split or trim it");
            }
            csv = new CsvFile(file, Files.newBufferedReader(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new MarketDataException(file + ": file not found");
        } catch (IOException e) {
            throw new MarketDataException(file + ": cannot read: " + e.getMessage(), e);
        }
        try {
            csv.readHeader(requiredColumns);
            return csv;
        } catch (RuntimeException e) {
            csv.close();
            throw e;
        }
    }

    /** The number of data records of {@code file} (a first pass, so that a reader can size its storage exactly). */
    static long countRecords(Path file, List<String> requiredColumns, long maxBytes) {
        try (CsvFile csv = open(file, requiredColumns, maxBytes)) {
            long count = 0;
            while (csv.nextRow() != null) {
                count++;
            }
            return count;
        }
    }

    @Override
    public Iterator<CsvRecord> iterator() {
        if (iterated) {
            throw new IllegalStateException(file + " is read streaming: iterate it once");
        }
        iterated = true;
        return new Iterator<>() {
            private String[] next = nextRow();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public CsvRecord next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                if (next.length != width) {
                    throw new MarketDataException(file + ": line " + recordLine + ": " + next.length
                            + " fields, the header has " + width);
                }
                CsvRecord record = new CsvRecord(file, recordLine, columns, next);
                next = nextRow();
                return record;
            }
        };
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new MarketDataException(file + ": cannot close: " + e.getMessage(), e);
        }
    }

    private void readHeader(List<String> requiredColumns) {
        if (peek() == '\uFEFF') {
            position++; // byte order mark
        }
        String[] header = nextRow();
        if (header == null) {
            throw new MarketDataException(file + ": line 1: empty file, expected a header with columns " + requiredColumns);
        }
        columns = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            columns.put(header[i].strip(), i);
        }
        for (String required : requiredColumns) {
            if (!columns.containsKey(required)) {
                throw MarketDataException.at(file, 1, required, "missing column in header " + String.join(",", header));
            }
        }
        width = header.length;
    }

    /** The next record's fields (blank lines are skipped), null at the end of the file. */
    private String[] nextRow() {
        fields.clear();
        field.setLength(0);
        boolean quoted = false;
        boolean fieldStarted = false;
        recordLine = line;
        while (true) {
            int c = read();
            if (c == EOF) {
                if (quoted) {
                    throw new MarketDataException(file + ": line " + recordLine + ": unterminated quoted field");
                }
                return fieldStarted || field.length() > 0 || !fields.isEmpty() ? endRow() : null;
            }
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') {
                        field.append('"');
                        position++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    position++;
                }
                line++;
                if (fieldStarted || field.length() > 0 || !fields.isEmpty()) {
                    return endRow();
                }
                recordLine = line;
            } else {
                field.append((char) c);
                fieldStarted = true;
            }
        }
    }

    private String[] endRow() {
        fields.add(field.toString());
        return fields.toArray(String[]::new);
    }

    private int read() {
        return position < limit || fill() ? buffer[position++] : EOF;
    }

    private int peek() {
        return position < limit || fill() ? buffer[position] : EOF;
    }

    private boolean fill() {
        try {
            int n;
            do {
                n = in.read(buffer);
            } while (n == 0);
            position = 0;
            limit = Math.max(n, 0);
            return n > 0;
        } catch (IOException e) {
            throw new MarketDataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
