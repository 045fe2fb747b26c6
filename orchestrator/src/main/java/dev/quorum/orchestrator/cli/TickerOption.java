package dev.quorum.orchestrator.cli;

import dev.quorum.orchestrator.config.Tickers;
import picocli.CommandLine;

import java.util.Locale;

/**
 * The converter of every {@code --ticker} and {@code --tickers}: any case and surrounding blanks are accepted
 * ({@code nvda, aapl}), the rest is the watchlist's rule ({@link Tickers}). A value that is not a ticker is a
 * usage error, one line and exit code 2, before the command does anything.
 */
public final class TickerOption implements CommandLine.ITypeConverter<String> {

    @Override
    public String convert(String value) {
        String ticker = value.strip().toUpperCase(Locale.ROOT);
        if (!Tickers.isTicker(ticker)) {
            throw new CommandLine.TypeConversionException(Tickers.notATicker(ticker));
        }
        return ticker;
    }
}
