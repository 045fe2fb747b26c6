package dev.quorum.orchestrator.datasync;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * FRED's keyless graph CSV: {@code GET /graph/fredgraph.csv?id=SERIES&cosd=yyyy-MM-dd}, answered with a header
 * {@code observation_date,SERIES} ({@code DATE,SERIES} in older answers) and one line per observation; a day the
 * series has no value (an exchange holiday) has an empty value ({@code .} in older answers) and is skipped.
 */
final class FredMacro {

    /** One observation: for a monthly series the date is the first of the month. */
    record Observation(LocalDate date, double value) {

        /** @throws IllegalArgumentException for a value that is not a finite number ({@code NaN} parses as a double) */
        Observation {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("not a finite number: " + value);
            }
        }
    }

    private final ProviderClient client;
    private final String baseUrl;

    FredMacro(ProviderClient client, String baseUrl) {
        this.client = client;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    String name() {
        return client.provider();
    }

    List<Observation> observations(String seriesId, LocalDate from) {
        URI uri = URI.create(baseUrl + "/graph/fredgraph.csv?id=" + seriesId + "&cosd=" + from);
        String[] lines = client.get(uri, Map.of(), "series " + seriesId).strip().split("\r?\n");
        String header = lines[0].strip();
        if (!header.equals("observation_date," + seriesId) && !header.equals("DATE," + seriesId)) {
            throw new SyncFailure(SyncFailure.Kind.BAD_RESPONSE, name() + ": series " + seriesId
                    + ": expected a CSV header observation_date," + seriesId + ", got '" + ProviderClient.oneLine(header) + "'");
        }
        List<Observation> result = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].strip().split(",", -1);
            if (f.length == 1 && f[0].isEmpty()) {
                continue;
            }
            try {
                if (f.length != 2) {
                    throw new IllegalArgumentException(f.length + " fields, expected 2");
                }
                String value = f[1].strip();
                if (value.isEmpty() || value.equals(".")) {
                    continue;
                }
                result.add(new Observation(LocalDate.parse(f[0].strip()), Double.parseDouble(value)));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new SyncFailure(SyncFailure.Kind.BAD_RESPONSE, name() + ": series " + seriesId + ": line " + (i + 1)
                        + " is not an observation (" + e.getMessage() + ")");
            }
        }
        client.rowsFetched(result.size());
        return result;
    }
}
