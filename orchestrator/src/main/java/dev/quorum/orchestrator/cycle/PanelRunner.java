package dev.quorum.orchestrator.cycle;

import dev.quorum.agents.Agent;
import dev.quorum.agents.AgentInput;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.PreparedAssessment;
import dev.quorum.agents.llm.http.RequestSent;
import dev.quorum.agents.signal.Abstention;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.agents.signal.SignalBackend;
import dev.quorum.agents.signal.SignalTelemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the panel's agents on one input at once. The real concurrency limit toward each Ollama server is the
 * endpoint bulkhead inside the model chain; this pool only has to be large enough not to be the bottleneck.
 * An agent that throws, or is still running when the decision's budget ends (plus a grace period for a call in
 * flight to return), abstains: one agent's failure never blocks or fails the decision.
 *
 * <p>A panel can be {@linkplain #prepare prepared} for an input ahead of its decision (the LLM agents' prompts
 * rendered), so that asking is all that is left when the decision comes; running it gives the same outcomes.
 */
public final class PanelRunner {

    /** Time given past the budget's deadline for an agent whose last call is returning. */
    static final Duration GRACE = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(PanelRunner.class);

    private final List<Agent> panel;
    private final ExecutorService pool;

    public PanelRunner(List<Agent> panel, ExecutorService pool) {
        this.panel = List.copyOf(panel);
        this.pool = pool;
    }

    List<Agent> panel() {
        return panel;
    }

    /**
     * The panel's assessments of one input, each made ready to run ({@link Agent#prepare}), on the caller's thread: a
     * cycle prepares the next ticker's panel while the ticker before it waits on its models. An agent whose
     * preparation throws is prepared to throw the same when run, so it abstains there as it would have.
     */
    PreparedPanel prepare(AgentInput input) {
        List<PreparedAssessment> assessments = new ArrayList<>();
        for (Agent agent : panel) {
            PreparedAssessment prepared;
            try {
                prepared = agent.prepare(input);
            } catch (RuntimeException e) {
                prepared = budget -> {
                    throw e;
                };
            }
            assessments.add(prepared);
        }
        return new PreparedPanel(assessments);
    }

    /** One outcome per agent, in panel order; each agent prepares its assessment on its own thread, then runs it. */
    List<AgentOutcome> assess(AgentInput input, DecisionBudget budget) throws InterruptedException {
        return assess(input, budget, () -> { });
    }

    /**
     * One outcome per agent, in panel order; each agent prepares its assessment on its own thread, then runs it.
     *
     * @param whenAsked run once every agent has sent its first request to its model, or ended without one (on the
     *                  thread of the last of them); what a decision defers until then does not slow the asking
     */
    List<AgentOutcome> assess(AgentInput input, DecisionBudget budget, Runnable whenAsked) throws InterruptedException {
        return run(panel.stream().<PreparedAssessment>map(agent -> b -> agent.assess(input, b)).toList(), budget, whenAsked);
    }

    /** One outcome per agent, in panel order, from the panel prepared for their input; {@code whenAsked} as above. */
    List<AgentOutcome> assess(PreparedPanel prepared, DecisionBudget budget, Runnable whenAsked) throws InterruptedException {
        return run(prepared.assessments(), budget, whenAsked);
    }

    private List<AgentOutcome> run(List<PreparedAssessment> assessments, DecisionBudget budget, Runnable whenAsked)
            throws InterruptedException {
        AtomicInteger notAsked = new AtomicInteger(assessments.size());
        List<Future<AgentOutcome>> running = new ArrayList<>();
        for (PreparedAssessment assessment : assessments) {
            AtomicBoolean counted = new AtomicBoolean();
            Runnable asked = () -> {
                if (counted.compareAndSet(false, true) && notAsked.decrementAndGet() == 0) {
                    try {
                        whenAsked.run();
                    } catch (RuntimeException e) {
                        // Runs on an agent's thread, within its request: its failure is not the agent's.
                        log.warn("what was to run once the panel had asked failed: {}", e.toString());
                    }
                }
            };
            running.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return RequestSent.watching(asked, () -> assessment.run(budget));
                } finally {
                    asked.run();
                }
            }, pool));
        }
        List<AgentOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < panel.size(); i++) {
            Agent agent = panel.get(i);
            Future<AgentOutcome> future = running.get(i);
            try {
                long waitMillis = budget.remainingTime().plus(GRACE).toMillis();
                outcomes.add(future.get(waitMillis, TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                future.cancel(true);
                outcomes.add(abstain(agent, ErrorCategory.BUDGET, "still running when the decision budget ended"));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                outcomes.add(abstain(agent, ErrorCategory.LOGIC, "failed: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage())));
            } catch (InterruptedException e) {
                running.forEach(f -> f.cancel(true));
                throw e;
            }
        }
        return outcomes;
    }

    /** The panel's assessments of one input, in panel order, each ready to run. */
    record PreparedPanel(List<PreparedAssessment> assessments) {

        PreparedPanel {
            assessments = List.copyOf(assessments);
        }
    }

    private static Abstention abstain(Agent agent, ErrorCategory category, String reason) {
        return new Abstention(agent.name(), agent.domain(), category, reason,
                new SignalTelemetry(SignalBackend.ORCHESTRATOR, "", "", 0, List.of(), Duration.ZERO, 0, 0, "", ""));
    }
}
