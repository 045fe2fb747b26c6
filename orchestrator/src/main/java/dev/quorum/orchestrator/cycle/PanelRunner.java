package dev.quorum.orchestrator.cycle;

import dev.quorum.agents.Agent;
import dev.quorum.agents.AgentInput;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.signal.Abstention;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.agents.signal.SignalBackend;
import dev.quorum.agents.signal.SignalTelemetry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the panel's agents on one input at once. The real concurrency limit toward each Ollama server is the
 * endpoint bulkhead inside the model chain; this pool only has to be large enough not to be the bottleneck.
 * An agent that throws, or is still running when the decision's budget ends (plus a grace period for a call in
 * flight to return), abstains: one agent's failure never blocks or fails the decision.
 */
public final class PanelRunner {

    /** Time given past the budget's deadline for an agent whose last call is returning. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private final List<Agent> panel;
    private final ExecutorService pool;

    public PanelRunner(List<Agent> panel, ExecutorService pool) {
        this.panel = List.copyOf(panel);
        this.pool = pool;
    }

    List<Agent> panel() {
        return panel;
    }

    /** One outcome per agent, in panel order. */
    List<AgentOutcome> assess(AgentInput input, DecisionBudget budget) throws InterruptedException {
        List<Future<AgentOutcome>> running = new ArrayList<>();
        for (Agent agent : panel) {
            running.add(CompletableFuture.supplyAsync(() -> agent.assess(input, budget), pool));
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

    private static Abstention abstain(Agent agent, ErrorCategory category, String reason) {
        return new Abstention(agent.name(), agent.domain(), category, reason,
                new SignalTelemetry(SignalBackend.ORCHESTRATOR, "", "", 0, List.of(), Duration.ZERO, 0, 0, "", ""));
    }
}
