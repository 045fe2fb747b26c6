package dev.quorum.orchestrator.scaleout;

import dev.quorum.orchestrator.config.Tickers;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** One entry of the job stream: decide {@code ticker} for {@code tradeDate}. */
public record DecisionJob(String ticker, LocalDate tradeDate) {

    static final String TICKER_FIELD = "ticker";
    static final String TRADE_DATE_FIELD = "trade_date";

    public DecisionJob {
        if (!Tickers.isTicker(ticker)) {
            throw new IllegalArgumentException("job ticker " + Tickers.notATicker(ticker));
        }
        if (tradeDate == null) {
            throw new IllegalArgumentException("job trade date is missing");
        }
    }

    /** The stream entry's fields. */
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(TICKER_FIELD, ticker);
        fields.put(TRADE_DATE_FIELD, tradeDate.toString());
        return fields;
    }

    /**
     * The job a stream entry holds.
     *
     * @throws IllegalArgumentException naming the missing or malformed field
     */
    public static DecisionJob from(Map<String, String> fields) {
        String ticker = fields == null ? null : fields.get(TICKER_FIELD);
        String date = fields == null ? null : fields.get(TRADE_DATE_FIELD);
        if (ticker == null || date == null) {
            throw new IllegalArgumentException("job entry needs fields '" + TICKER_FIELD + "' and '" + TRADE_DATE_FIELD
                    + "', has " + (fields == null ? "none" : fields.keySet()));
        }
        try {
            return new DecisionJob(ticker, LocalDate.parse(date));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("job field '" + TRADE_DATE_FIELD + "' is not a date YYYY-MM-DD: '" + date + "'");
        }
    }

    @Override
    public String toString() {
        return ticker + " " + tradeDate;
    }
}
