package dev.quorum.agents.features;

import dev.quorum.agents.AgentInput;
import dev.quorum.agents.market.MarketData;
import dev.quorum.agents.market.MarketDataException;
import dev.quorum.agents.market.MarketSnapshot;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Builds the {@link AgentInput} of a (ticker, trade date) from {@link MarketData}: features and headlines from
 * the snapshot at that date's close, and an empty "similar past situations" block (memory recall fills it).
 */
public final class AgentInputs {

    private final MarketData marketData;
    private final FeatureCalculator calculator;
    private final HeadlineSelector headlines;

    public AgentInputs(MarketData marketData, FeatureCalculator calculator, HeadlineSelector headlines) {
        this.marketData = Objects.requireNonNull(marketData, "marketData");
        this.calculator = Objects.requireNonNull(calculator, "calculator");
        this.headlines = Objects.requireNonNull(headlines, "headlines");
    }

    /** With SPY as the benchmark and the default headline cap. */
    public AgentInputs(MarketData marketData) {
        this(marketData, new FeatureCalculator(), new HeadlineSelector());
    }

    /**
     * @throws MarketDataException when the date is not a session, the ticker is unknown or did not trade that day
     */
    public AgentInput forDecision(String ticker, LocalDate tradeDate) {
        MarketSnapshot snapshot = marketData.asOf(tradeDate);
        return new AgentInput(ticker, tradeDate, calculator.features(snapshot, ticker),
                headlines.headlines(snapshot, ticker), "");
    }
}
