package dev.quorum.orchestrator.cycle;

import dev.quorum.agents.features.AgentInputs;
import dev.quorum.memory.metalearner.MetaLearner;
import dev.quorum.memory.recall.RecallScope;
import dev.quorum.memory.recall.SituationMemory;
import dev.quorum.memory.store.DecisionStore;
import dev.quorum.memory.trust.AgentSkill;
import dev.quorum.orchestrator.config.BudgetConfig;
import dev.quorum.orchestrator.consensus.WeightedConsensus;
import dev.quorum.orchestrator.datasync.Staleness;
import dev.quorum.orchestrator.review.RiskReview;
import dev.quorum.orchestrator.synthesis.EnsembleGuard;
import dev.quorum.orchestrator.synthesis.RuleSynthesis;
import dev.quorum.orchestrator.synthesis.Synthesiser;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a {@link DecisionCycle} is built from, grouped by what each group is for; every part is already configured.
 *
 * @param inputs    what the agents see of a ticker
 * @param panel     the agents, asked in parallel
 * @param recall    the similar situations recalled into the prompts
 * @param learnt    what was learnt from outcomes, read at each decision
 * @param judgement how the agents' calls become a verdict
 * @param store     where each decision is stored, with its outbox row
 * @param limits    how a cycle runs
 */
public record CycleParts(Inputs inputs, PanelRunner panel, Recall recall, Learnt learnt, Judgement judgement,
                         DecisionStore store, Limits limits) {

    /**
     * What the agents see of a ticker: its features as of a session.
     *
     * @param staleness how far behind the calendar a ticker's prices may be and still be decided
     */
    public record Inputs(AgentInputs features, Staleness staleness) {

        /** Taking every ticker's prices as current ({@link Staleness#unchecked()}). */
        public static Inputs current(AgentInputs features) {
            return new Inputs(features, Staleness.unchecked());
        }
    }

    /** Up to {@code k} similar situations from {@code memory}, within {@code scope}; none when {@code k} is 0. */
    public record Recall(Optional<SituationMemory> memory, int k, RecallScope scope) {

        /** No recall: the prompts carry no similar situations. */
        public static final Recall NONE = new Recall(Optional.empty(), 0, RecallScope.ANY_TICKER);
    }

    /**
     * What was learnt from outcomes, read at each decision.
     *
     * @param metaLearner the meta-learner to predict with, when there is one (a worker's follows the scheduler's)
     * @param skills      what each agent has proven (its calibration map), as of the decision; empty where the process
     *                    does not learn (a worker), and then no calibrated probability is published and every vote
     *                    counts at its stated confidence
     */
    public record Learnt(Supplier<Map<String, Double>> trustWeights, Supplier<Optional<MetaLearner>> metaLearner,
                         Supplier<Map<String, AgentSkill>> skills) {

        /** Without agent skills: no calibrated probabilities in {@code meta}. */
        public Learnt(Supplier<Map<String, Double>> trustWeights, Supplier<Optional<MetaLearner>> metaLearner) {
            this(trustWeights, metaLearner, Map::of);
        }
    }

    /**
     * How the agents' calls become a verdict: weighted consensus, the synthesis (the rules when it fails, and the
     * rules' bounds on what it says), the ensemble guard's veto, the risk review.
     */
    public record Judgement(WeightedConsensus consensus, Synthesiser synthesiser, RuleSynthesis rules, EnsembleGuard guard,
                            RiskReview review) {
    }

    /**
     * How a cycle runs.
     *
     * @param budget          the LLM time and calls one decision may use
     * @param parallelTickers how many tickers are decided at once
     * @param redecide        whether a (ticker, trade date) with a decision already stored is decided again (the old
     *                        one is superseded) or left as it is
     */
    public record Limits(BudgetConfig budget, Clock clock, int parallelTickers, boolean redecide) {

        public Limits {
            if (parallelTickers < 1) {
                throw new IllegalArgumentException("parallel tickers must be at least 1, was " + parallelTickers);
            }
        }
    }
}
