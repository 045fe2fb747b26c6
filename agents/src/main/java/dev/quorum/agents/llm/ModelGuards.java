package dev.quorum.agents.llm;

import dev.quorum.agents.llm.http.CallDeadline;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What guards the chain: per target ({@code endpoint|model}) a resilience4j CircuitBreaker and Retry from named
 * registries with immutable configs; per endpoint a bulkhead of {@code numParallel} slots ({@link EndpointSlots}).
 * {@link #guard} composes them explicitly, outermost first: Retry(CircuitBreaker(slot(time limit(call)))), so every
 * retry asks the circuit again, a call waits for an endpoint slot before its time limit starts, and an open circuit
 * ends the target without a call. The time limit is the call timeout or the decision's deadline, whichever is
 * nearer, which the model's HTTP client enforces on the caller's thread ({@link CallDeadline}): the request is over
 * at the server, its connection closed, before the slot is given back.
 * {@link #reserve} picks the endpoint of a tier a call goes to: the least busy healthy one.
 */
public final class ModelGuards {

    private static final Logger LOG = LoggerFactory.getLogger(ModelGuards.class);

    private final ResilienceSettings settings;
    private final CircuitBreakerRegistry circuitBreakers;
    private final RetryRegistry retries;
    private final EndpointSlots slots = new EndpointSlots();

    ModelGuards(ResilienceSettings settings, Clock clock) {
        this.settings = settings;
        this.circuitBreakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.openDuration())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                // A failure either counts against the circuit or is ignored: never a success. resilience4j counts
                // an exception it neither records nor ignores as successful, so a 404 or 400 (the server answered,
                // the call failed) healed a circuit and showed as kind="successful" at /metrics. Ignored too: what
                // made no call (budget spent, no slot, circuit open).
                .recordException(thrown -> FailureKind.of(thrown).tripsCircuit())
                .ignoreException(thrown -> !FailureKind.of(thrown).tripsCircuit())
                .clock(clock)
                .build());
        this.retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(),
                        settings.backoffMultiplier(), settings.backoffJitter(), settings.maxBackoff()))
                .retryOnException(thrown -> FailureKind.of(thrown).retriable())
                .failAfterMaxAttempts(false)
                .build());
        circuitBreakers.getEventPublisher().onEntryAdded(added -> added.getAddedEntry().getEventPublisher()
                .onStateTransition(event -> LOG.warn("Circuit of {} went {}", event.getCircuitBreakerName(),
                        event.getStateTransition())));
    }

    /** The state of a target's circuit (CLOSED, OPEN, HALF_OPEN), for health checks and tests. */
    public CircuitBreaker.State circuitState(ModelTarget target) {
        return circuitBreaker(target).getState();
    }

    /** The circuit breakers by target id ({@code endpoint|model}), for resilience4j-micrometer's meters. */
    public CircuitBreakerRegistry circuitBreakers() {
        return circuitBreakers;
    }

    /** The retries by target id ({@code endpoint|model}), for resilience4j-micrometer's meters. */
    public RetryRegistry retries() {
        return retries;
    }

    /** Slots of an endpoint's bulkhead free right now. */
    public int freeSlots(OllamaEndpoint endpoint) {
        return endpoint.numParallel() - slots.inFlight(endpoint);
    }

    /** Calls that do not give way waiting for a slot on any endpoint right now: for tests. */
    int callsWaitingForSlot() {
        return slots.waitingFirst();
    }

    /** Calls in flight on an endpoint right now (its bulkhead occupancy times {@code numParallel}). */
    public int inFlight(OllamaEndpoint endpoint) {
        return slots.inFlight(endpoint);
    }

    /**
     * Picks the endpoint that serves {@code model} for one call and holds a slot on it: circuit CLOSED before
     * HALF_OPEN before OPEN (an open circuit then refuses at once, or admits a trial call when its open period is
     * over), then the lowest occupancy, then the candidates' order. A full endpoint is passed over for one with
     * room; when none has room, waits up to {@code maxWait} for the first to free up.
     *
     * @param givesWay whether the call leaves a free slot to a call that does not give way and is waiting
     *
     * @return the reservation, or empty when every candidate stayed full for {@code maxWait}
     */
    Optional<Reservation> reserve(String model, List<OllamaEndpoint> candidates, Duration maxWait, boolean givesWay) {
        try {
            return slots.acquire(candidates, endpoint -> circuitRank(new ModelTarget(endpoint, model)), maxWait, givesWay)
                    .map(slot -> new Reservation(new ModelTarget(slot.endpoint(), model), slot));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * A target chosen by {@link #reserve}, with the endpoint slot taken for its first attempt. Later attempts
     * (retries, re-asks) take a slot of their own. Closing it returns the slot if no attempt used it.
     */
    static final class Reservation implements AutoCloseable {
        private final ModelTarget target;
        private EndpointSlots.Slot unclaimed;

        private Reservation(ModelTarget target, EndpointSlots.Slot slot) {
            this.target = target;
            this.unclaimed = slot;
        }

        ModelTarget target() {
            return target;
        }

        private synchronized Optional<EndpointSlots.Slot> claim() {
            Optional<EndpointSlots.Slot> slot = Optional.ofNullable(unclaimed);
            unclaimed = null;
            return slot;
        }

        @Override
        public void close() {
            claim().ifPresent(EndpointSlots.Slot::close);
        }
    }

    /**
     * Guards one call to the reservation's target.
     *
     * @param timeLeft          the decision's time left: a retry or re-ask waits for its slot no longer than that
     * @param beforeEachAttempt runs inside the circuit and the bulkhead, before each HTTP attempt (takes a call
     *                          from the decision budget, counts the attempt); returns the time left for the call
     * @param afterEachFailure  told what each failed attempt threw, retried ones included, so the fallback path can
     *                          show the 503 that opened a circuit and not only the refusal that followed
     */
    <T> Supplier<T> guard(Reservation reservation, Supplier<Duration> timeLeft, Supplier<Duration> beforeEachAttempt,
                          Consumer<RuntimeException> afterEachFailure, Callable<T> call) {
        ModelTarget target = reservation.target();
        Supplier<T> slotted = () -> {
            try (EndpointSlots.Slot slot = reservation.claim().orElseGet(() -> slotOn(target.endpoint(), timeLeft.get()))) {
                Duration limit = beforeEachAttempt.get();
                return timeLimited(limit, call);
            }
        };
        Supplier<T> broken = CircuitBreaker.decorateSupplier(circuitBreaker(target), slotted);
        Supplier<T> reported = () -> {
            try {
                return broken.get();
            } catch (RuntimeException e) {
                afterEachFailure.accept(e);
                throw e;
            }
        };
        return Retry.decorateSupplier(retry(target), reported);
    }

    /** A slot for a retry or re-ask: the bulkhead's wait at most, and never past the decision's deadline. */
    private EndpointSlots.Slot slotOn(OllamaEndpoint endpoint, Duration timeLeft) {
        Duration maxWait = timeLeft.compareTo(settings.bulkheadMaxWait()) < 0 ? timeLeft : settings.bulkheadMaxWait();
        try {
            Optional<EndpointSlots.Slot> slot = slots.acquire(List.of(endpoint), e -> 0, maxWait);
            if (slot.isEmpty() && maxWait.equals(timeLeft)) {
                throw new ChainFailure(FailureKind.BUDGET_EXHAUSTED, "no time left to wait for a free slot on "
                        + endpoint.baseUrl());
            }
            return slot.orElseThrow(() -> new ChainFailure(FailureKind.BULKHEAD_FULL, "no free slot on "
                    + endpoint.baseUrl() + " within " + maxWait.toMillis() + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainFailure(FailureKind.BULKHEAD_FULL, "interrupted while waiting for a slot on " + endpoint.baseUrl());
        }
    }

    /** CLOSED 0, HALF_OPEN 1, anything else (OPEN, forced states) 2. */
    private int circuitRank(ModelTarget target) {
        return switch (circuitState(target)) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            default -> 2;
        };
    }

    /**
     * Runs the call on this thread: the model's HTTP client is built with the call timeout as its request timeout
     * (ModelChainClient) and ends the request sooner when the decision's deadline is nearer. Not cut from another
     * thread: a blocking read ignores the interrupt, and the abandoned request went on at the server after its slot
     * was given back, one more than the endpoint's {@code parallel}.
     */
    private static <T> T timeLimited(Duration timeLeft, Callable<T> call) {
        try {
            return CallDeadline.within(timeLeft, call);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // A checked exception of the call: keep it as the cause, FailureKind classifies by cause.
            throw new CompletionException(e);
        }
    }

    private CircuitBreaker circuitBreaker(ModelTarget target) {
        return circuitBreakers.circuitBreaker(target.id());
    }

    private Retry retry(ModelTarget target) {
        return retries.retry(target.id());
    }
}
