package dev.quorum.agents.market;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/** One data line of a {@link CsvFile}; typed accessors reject bad cells with file, line and column. */
final class CsvRecord {

    // A plain decimal number: Double.parseDouble alone would also accept NaN, Infinity, hex and a trailing 'd'.
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern WHOLE = Pattern.compile("[-+]?\\d+");

    private final Path file;
    private final long line;
    private final Map<String, Integer> columns;
    private final String[] fields;

    CsvRecord(Path file, long line, Map<String, Integer> columns, String[] fields) {
        this.file = file;
        this.line = line;
        this.columns = columns;
        this.fields = fields;
    }

    long line() {
        return line;
    }

    String text(String column) {
        return fields[columns.get(column)];
    }

    /** A finite decimal number. */
    double number(String column) {
        String raw = text(column).strip();
        if (!DECIMAL.matcher(raw).matches()) {
            throw error(column, "not a number: '" + raw + "'");
        }
        double value = Double.parseDouble(raw);
        if (!Double.isFinite(value)) {
            throw error(column, "number out of range: '" + raw + "'");
        }
        return value;
    }

    long wholeNumber(String column) {
        String raw = text(column).strip();
        if (!WHOLE.matcher(raw).matches()) {
            throw error(column, "not a whole number: '" + raw + "'");
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw error(column, "whole number out of range: '" + raw + "'");
        }
    }

    /** An ISO date, {@code yyyy-MM-dd}. */
    LocalDate date(String column) {
        return parsed(column, LocalDate::parse, "a date yyyy-MM-dd");
    }

    /** A cell parsed by {@code parser}; a parse failure names the expected form. */
    <T> T parsed(String column, Function<String, T> parser, String expected) {
        String raw = text(column).strip();
        try {
            return parser.apply(raw);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw error(column, "expected " + expected + ", got '" + raw + "'");
        }
    }

    MarketDataException error(String column, String problem) {
        return MarketDataException.at(file, line, column, problem);
    }
}
