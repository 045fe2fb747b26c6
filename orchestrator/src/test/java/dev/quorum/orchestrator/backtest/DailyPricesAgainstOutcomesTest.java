package dev.quorum.orchestrator.backtest;

import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.agents.market.PriceBar;
import dev.quorum.memory.outcomes.MarketOutcomeResolver;
import dev.quorum.memory.outcomes.OutcomeRules;
import dev.quorum.orchestrator.backtest.metrics.DailyPrices;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The book's daily pieces add up to the outcomes the service learns from: a position from the open after D to the
 * H-th close, compounded from the overnight and intraday returns, earns exactly the resolver's return, dividends
 * included (XOM pays quarterly in the sample).
 */
class DailyPricesAgainstOutcomesTest {

    @Test
    void should_compound_to_the_outcome_resolvers_return_across_ex_dividend_dates() {
        CsvMarketData market = CsvMarketData.open(ProjectPaths.root().resolve("samples").resolve("market"));
        DailyPrices prices = Backtest.prices(market, List.of("XOM", "AAPL"), "SPY");
        OutcomeRules rules = OutcomeRules.defaults();
        MarketOutcomeResolver resolver = new MarketOutcomeResolver(rules);
        int checked = 0;
        for (String ticker : List.of("XOM", "AAPL")) {
            List<PriceBar> bars = market.dailyBars(ticker);
            for (int d = 0; d + rules.horizonSessions() < bars.size(); d += 3) {
                LocalDate tradeDate = bars.get(d).date();
                double expected = resolver.resolve(tradeDate, bars, market.dailyBars("SPY")).orElseThrow().ticker().totalReturn();
                int entry = prices.indexOf(tradeDate) + 1;
                double equity = 1.0 + prices.intraday(ticker, entry);
                for (int t = entry + 1; t < entry + rules.horizonSessions(); t++) {
                    equity *= (1.0 + prices.overnight(ticker, t)) * (1.0 + prices.intraday(ticker, t));
                }
                assertEquals(expected, equity - 1.0, 1e-12, ticker + " decided " + tradeDate);
                checked++;
            }
        }
        assertTrue(checked > 300, "both years of both tickers, ex-dividend weeks among them");
    }
}
