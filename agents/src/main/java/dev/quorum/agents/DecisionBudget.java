package dev.quorum.agents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The LLM budget of one decision: a wall-time deadline and a maximum number of LLM calls, shared by every
 * agent (and the synthesis) of that decision. Thread-safe: agents run in parallel.
 */
public final class DecisionBudget {

    private final Instant deadline;
    private final int maxCalls;
    private final AtomicInteger callsTaken = new AtomicInteger();
    private final Clock clock;
    private final boolean givesWay;

    public DecisionBudget(Duration maxWallTime, int maxCalls, Clock clock) {
        if (maxWallTime.isNegative() || maxWallTime.isZero()) {
            throw new IllegalArgumentException("max wall time must be positive, was " + maxWallTime);
        }
        if (maxCalls < 1) {
            throw new IllegalArgumentException("max LLM calls must be at least 1, was " + maxCalls);
        }
        this.clock = clock;
        this.deadline = clock.instant().plus(maxWallTime);
        this.maxCalls = maxCalls;
        this.givesWay = false;
    }

    private DecisionBudget(Instant deadline, int maxCalls, int callsTaken, Clock clock, boolean givesWay) {
        this.deadline = deadline;
        this.maxCalls = maxCalls;
        this.callsTaken.set(callsTaken);
        this.clock = clock;
        this.givesWay = givesWay;
    }

    /**
     * This budget for calls that give way: each takes an endpoint slot only while no other decision's call is waiting
     * for one. The agents of a decision asked ahead of it (a pipelined backtest) use it, so that they keep the model
     * busy without delaying the decisions being made. A copy, with the deadline and the calls taken so far.
     */
    public DecisionBudget givingWay() {
        return new DecisionBudget(deadline, maxCalls, callsTaken.get(), clock, true);
    }

    /** Whether the calls made on this budget give way to others for an endpoint slot. */
    public boolean givesWay() {
        return givesWay;
    }

    /**
     * This budget with its deadline moved {@code pause} later and the calls taken so far kept: a decision whose
     * agents answered ahead of it (a pipelined backtest) goes on with the time it had left when they answered, as
     * if it had gone on then. Its calls no longer give way: the decision is being made.
     */
    public DecisionBudget pausedFor(Duration pause) {
        return new DecisionBudget(deadline.plus(pause.isNegative() ? Duration.ZERO : pause), maxCalls, callsTaken.get(), clock, false);
    }

    /** A budget with no practical limit, for the rules backend and tests that do not exercise budgets. */
    public static DecisionBudget unlimited() {
        return new DecisionBudget(Duration.ofDays(1), Integer.MAX_VALUE, Clock.systemUTC());
    }

    /** Takes one LLM call from the budget; false when the calls or the time are spent (nothing is taken then). */
    public boolean tryTakeCall() {
        if (remainingTime().isZero()) {
            return false;
        }
        while (true) {
            int taken = callsTaken.get();
            if (taken >= maxCalls) {
                return false;
            }
            if (callsTaken.compareAndSet(taken, taken + 1)) {
                return true;
            }
        }
    }

    /** Time left before the deadline; zero once it has passed. */
    public Duration remainingTime() {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public int callsTaken() {
        return callsTaken.get();
    }

    public int maxCalls() {
        return maxCalls;
    }
}
