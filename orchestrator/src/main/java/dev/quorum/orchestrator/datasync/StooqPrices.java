package dev.quorum.orchestrator.datasync;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stooq's keyless daily CSV: {@code GET /q/d/l/?s=aapl.us&i=d&d1=yyyyMMdd&d2=yyyyMMdd}, answered with
 * {@code Date,Open,High,Low,Close,Volume} (prices split-adjusted, no adjusted close, no dividends), or with the
 * body {@code No data} when the symbol or the range has none. US symbols take the {@code .us} suffix and a dash
 * for a class dot ({@code BRK.B} is {@code brk-b.us}).
 */
public final class StooqPrices implements PriceSource {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String HEADER = "Date,Open,High,Low,Close,Volume";

    private final ProviderClient client;
    private final String baseUrl;

    StooqPrices(ProviderClient client, String baseUrl) {
        this.client = client;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    @Override
    public String name() {
        return client.provider();
    }

    @Override
    public List<FetchedBar> dailyBars(String ticker, LocalDate from, LocalDate to) {
        String symbol = ticker.toLowerCase(Locale.ROOT).replace('.', '-') + ".us";
        URI uri = URI.create(baseUrl + "/q/d/l/?s=" + symbol + "&i=d&d1=" + from.format(DAY) + "&d2=" + to.format(DAY));
        String body = client.get(uri, Map.of(), ticker + " daily bars").strip();
        if (body.isEmpty() || body.equalsIgnoreCase("No data")) {
            return List.of();
        }
        String[] lines = body.split("\r?\n");
        if (!lines[0].strip().equals(HEADER)) {
            // Stooq answers a refused or over-quota request with a text page, not an error status.
            throw new SyncFailure(SyncFailure.Kind.BAD_RESPONSE, name() + ": " + ticker + ": expected a CSV starting with "
                    + HEADER + ", got '" + ProviderClient.oneLine(lines[0]) + "'");
        }
        List<FetchedBar> bars = new ArrayList<>(lines.length - 1);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            try {
                if (f.length != 6) {
                    throw new IllegalArgumentException(f.length + " fields, expected 6");
                }
                bars.add(new FetchedBar(LocalDate.parse(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]), Double.parseDouble(f[4]), Math.round(Double.parseDouble(f[5]))));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new SyncFailure(SyncFailure.Kind.BAD_RESPONSE, name() + ": " + ticker + ": line " + (i + 1)
                        + " of the CSV is not a bar (" + e.getMessage() + "): '" + ProviderClient.oneLine(line) + "'");
            }
        }
        client.rowsFetched(bars.size());
        return bars;
    }
}
