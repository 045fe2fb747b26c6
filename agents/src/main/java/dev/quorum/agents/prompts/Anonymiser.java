package dev.quorum.agents.prompts;

import dev.quorum.agents.AgentInput;
import dev.quorum.agents.features.FeatureKeys;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an anonymised prompt shows instead of what identifies the stock and the day:
 * <ul>
 *   <li>the ticker becomes a stable alias ({@code STOCK-3F2A}: the same ticker always gets the same alias);</li>
 *   <li>the trade date becomes {@code session t} (features are already relative to it: returns over 5 sessions...);</li>
 *   <li>absolute price levels (close, moving averages, MACD) are rescaled so the close is 100: the ratios the
 *       analysis needs stay, the price that would date the chart goes;</li>
 *   <li>headlines have the ticker and the company's names masked ({@code company-names.csv}; other names in the
 *       news are kept);</li>
 *   <li>the similar-situations block (real tickers and dates of past decisions) is left out;</li>
 *   <li>the month a lagged macro value is for reads as months before the session ({@code 2 months before session t}).</li>
 * </ul>
 * Market-wide levels (VIX, the 10-year yield) are kept: they describe the regime, not the stock.
 */
public final class Anonymiser {

    /** The price-level features: in dollars, so they are rescaled to a close of 100. */
    static final Set<String> PRICE_LEVELS = Set.of(FeatureKeys.CLOSE, FeatureKeys.SMA_20, FeatureKeys.SMA_50,
            FeatureKeys.SMA_200, FeatureKeys.MACD, FeatureKeys.MACD_SIGNAL, FeatureKeys.MACD_HISTOGRAM);

    /** What the trade date reads as. */
    public static final String SESSION = "session t";

    private static final String MASK = "the company";
    private static final Map<String, List<String>> NAMES = load();

    private Anonymiser() {
    }

    /** A stable alias for the ticker that does not reveal it. */
    public static String alias(String ticker) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("quorum-alias:" + ticker).getBytes(StandardCharsets.UTF_8));
            return "STOCK-" + HexFormat.of().withUpperCase().formatHex(digest, 0, 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The input as an anonymised prompt shows it (the trade date itself is replaced when rendering). */
    public static AgentInput input(AgentInput input) {
        Map<String, Object> features = new LinkedHashMap<>(input.features());
        if (input.features().get(FeatureKeys.CLOSE) instanceof Double close && close > 0) {
            for (String key : PRICE_LEVELS) {
                if (input.features().get(key) instanceof Double level) {
                    features.put(key, level * 100 / close);
                }
            }
        } else {
            PRICE_LEVELS.forEach(features::remove);
        }
        if (input.features().get(FeatureKeys.US10Y_AS_OF) instanceof String period) {
            // yyyy-MM: a monthly average; yyyy-MM-dd: a daily value (FeatureKeys.US10Y_AS_OF)
            long before = period.length() == 7
                    ? ChronoUnit.MONTHS.between(YearMonth.parse(period), YearMonth.from(input.tradeDate()))
                    : ChronoUnit.DAYS.between(LocalDate.parse(period), input.tradeDate());
            String unit = period.length() == 7 ? " month" : " day";
            features.put(FeatureKeys.US10Y_AS_OF, before + unit + (before == 1 ? "" : "s") + " before " + SESSION);
        }
        List<String> headlines = input.headlines().stream().map(h -> mask(h, input.ticker())).toList();
        return new AgentInput(alias(input.ticker()), input.tradeDate(), features, headlines, "");
    }

    /** The text with the ticker and the company's known names replaced by "the company", whole words, any case. */
    static String mask(String text, String ticker) {
        List<String> names = new ArrayList<>(NAMES.getOrDefault(ticker, List.of()));
        names.add(ticker);
        names.sort(Comparator.comparingInt(String::length).reversed());
        String masked = text;
        for (String name : names) {
            masked = Pattern.compile("(?<![\\p{Alnum}])" + Pattern.quote(name) + "(?![\\p{Alnum}])",
                    Pattern.CASE_INSENSITIVE).matcher(masked).replaceAll(MASK);
        }
        return masked;
    }

    private static Map<String, List<String>> load() {
        Map<String, List<String>> names = new HashMap<>();
        try (InputStream in = Anonymiser.class.getResourceAsStream("company-names.csv")) {
            if (in == null) {
                throw new IllegalStateException("company-names.csv is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int comma = line.indexOf(',');
                names.put(line.substring(0, comma).strip(), List.of(line.substring(comma + 1).strip().split("\\s*;\\s*")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read company-names.csv", e);
        }
        return Map.copyOf(names);
    }
}
