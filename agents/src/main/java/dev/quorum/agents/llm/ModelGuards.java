package dev.quorum.agents.llm;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The resilience4j instances guarding the chain, from named registries with immutable configs: per target
 * ({@code endpoint|model}) a CircuitBreaker, a Retry and a TimeLimiter; per endpoint a Bulkhead sized by its
 * {@code numParallel}. {@link #guard} composes them explicitly, outermost first:
 * Retry(CircuitBreaker(Bulkhead(TimeLimiter(call)))), so every retry asks the circuit again, a call waits for
 * an endpoint slot before its time limit starts, and an open circuit ends the target without a call.
 */
public final class ModelGuards {

    private static final Logger LOG = LoggerFactory.getLogger(ModelGuards.class);

    /** Not the server's fault, and no call was made: they must neither trip nor heal a circuit. */
    private static final Set<FailureKind> IGNORED_BY_CIRCUIT =
            EnumSet.of(FailureKind.BUDGET_EXHAUSTED, FailureKind.BULKHEAD_FULL, FailureKind.CIRCUIT_OPEN);

    private final ResilienceSettings settings;
    private final CircuitBreakerRegistry circuitBreakers;
    private final RetryRegistry retries;
    private final BulkheadRegistry bulkheads;
    private final TimeLimiterRegistry timeLimiters;
    private final ExecutorService callExecutor;

    ModelGuards(ResilienceSettings settings, Clock clock, ExecutorService callExecutor) {
        this.settings = settings;
        this.callExecutor = callExecutor;
        this.circuitBreakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.openDuration())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .recordException(thrown -> FailureKind.of(thrown).tripsCircuit())
                .ignoreException(thrown -> IGNORED_BY_CIRCUIT.contains(FailureKind.of(thrown)))
                .clock(clock)
                .build());
        this.retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(),
                        settings.backoffMultiplier(), settings.backoffJitter(), settings.maxBackoff()))
                .retryOnException(thrown -> FailureKind.of(thrown).retriable())
                .failAfterMaxAttempts(false)
                .build());
        this.bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxWaitDuration(settings.bulkheadMaxWait())
                .build());
        this.timeLimiters = TimeLimiterRegistry.of(TimeLimiterConfig.custom()
                .timeoutDuration(settings.callTimeout())
                .cancelRunningFuture(true)
                .build());
        circuitBreakers.getEventPublisher().onEntryAdded(added -> added.getAddedEntry().getEventPublisher()
                .onStateTransition(event -> LOG.warn("Circuit of {} went {}", event.getCircuitBreakerName(),
                        event.getStateTransition())));
    }

    /** The state of a target's circuit (CLOSED, OPEN, HALF_OPEN), for health checks and tests. */
    public CircuitBreaker.State circuitState(ModelTarget target) {
        return circuitBreaker(target).getState();
    }

    /** Slots of an endpoint's bulkhead free right now. */
    public int freeSlots(OllamaEndpoint endpoint) {
        return bulkhead(endpoint).getMetrics().getAvailableConcurrentCalls();
    }

    /**
     * Guards one call to {@code target}.
     *
     * @param beforeEachAttempt runs inside the circuit and the bulkhead, before each HTTP attempt (takes a call
     *                          from the decision budget, counts the attempt); returns the time left for the call
     */
    <T> Supplier<T> guard(ModelTarget target, Supplier<Duration> beforeEachAttempt, Callable<T> call) {
        Supplier<T> timeLimited = () -> {
            Duration limit = beforeEachAttempt.get();
            return timeLimited(target, limit, call);
        };
        Supplier<T> bulkheaded = Bulkhead.decorateSupplier(bulkhead(target.endpoint()), timeLimited);
        Supplier<T> broken = CircuitBreaker.decorateSupplier(circuitBreaker(target), bulkheaded);
        return Retry.decorateSupplier(retry(target), broken);
    }

    private <T> T timeLimited(ModelTarget target, Duration timeLeft, Callable<T> call) {
        TimeLimiter limiter = timeLimiters.timeLimiter(target.id());
        if (timeLeft.compareTo(settings.callTimeout()) < 0) {
            // The decision's deadline is nearer than the call timeout: this one call gets only what is left.
            limiter = TimeLimiter.of(target.id(), TimeLimiterConfig.from(limiter.getTimeLimiterConfig())
                    .timeoutDuration(timeLeft).build());
        }
        try {
            return limiter.executeFutureSupplier(() -> callExecutor.submit(call));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // TimeoutException and the like: keep it as the cause, FailureKind classifies by cause.
            throw new CompletionException(e);
        }
    }

    private CircuitBreaker circuitBreaker(ModelTarget target) {
        return circuitBreakers.circuitBreaker(target.id());
    }

    private Retry retry(ModelTarget target) {
        return retries.retry(target.id());
    }

    private Bulkhead bulkhead(OllamaEndpoint endpoint) {
        return bulkheads.bulkhead(endpoint.baseUrl(), () -> BulkheadConfig.from(bulkheads.getDefaultConfig())
                .maxConcurrentCalls(endpoint.numParallel())
                .build());
    }
}
