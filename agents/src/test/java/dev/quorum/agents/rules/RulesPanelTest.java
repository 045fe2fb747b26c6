package dev.quorum.agents.rules;

import dev.quorum.agents.Agent;
import dev.quorum.agents.AgentInput;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.features.AgentInputs;
import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.agents.market.MarketDirectories;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RulesPanelTest {

    @Test
    void should_give_the_four_default_agents_in_roster_order() {
        List<Agent> agents = RulesPanel.defaultAgents();
        assertEquals(List.of("technical", "risk", "sentiment", "macro"), agents.stream().map(Agent::name).toList());
        assertEquals(List.of("trend-momentum", "volatility-drawdown", "news-sentiment", "regime-rates"),
                agents.stream().map(Agent::domain).toList());
    }

    @Test
    void should_reject_an_unknown_agent_name() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> RulesPanel.agents(List.of("technical", "astrology")));
        assertEquals("no rules agent named 'astrology' (known: technical, risk, sentiment, macro)", error.getMessage());
    }

    @Test
    void should_give_the_same_valid_signals_twice_on_the_sample() {
        AgentInput input = new AgentInputs(CsvMarketData.open(MarketDirectories.sample())).forDecision("NVDA", LocalDate.of(2023, 11, 30)); // inside the news sample
        for (Agent agent : RulesPanel.defaultAgents()) {
            AgentSignal first = assertInstanceOf(AgentSignal.class, agent.assess(input, DecisionBudget.unlimited()));
            AgentOutcome second = agent.assess(input, DecisionBudget.unlimited());
            AgentSignal again = assertInstanceOf(AgentSignal.class, second);
            assertEquals(first.signal(), again.signal(), agent.name());
            assertEquals(first.confidence(), again.confidence(), agent.name());
            assertEquals(first.keyFactors(), again.keyFactors(), agent.name());
            assertTrue(first.summary().length() <= AgentSignal.MAX_SUMMARY_CHARS);
        }
    }
}
