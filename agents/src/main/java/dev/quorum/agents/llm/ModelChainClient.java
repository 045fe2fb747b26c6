package dev.quorum.agents.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.output.TokenUsage;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.llm.http.BlockingHttpClient;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Asks the fallback chain for one structured output. Thread-safe; one instance serves every agent and the
 * synthesis (they share the circuits, bulkheads and the list of unavailable models).
 *
 * <p>The chain is a list of {@linkplain ModelTier model tiers}; a tier's endpoints are interchangeable, so each call
 * goes to the least busy healthy one first (circuit state, then bulkhead occupancy) and a full endpoint is passed
 * over for one with room. Per target (endpoint, model): up to {@link ResilienceSettings#asksPerModel()} asks; each ask is one guarded call (retried
 * for retriable failures only, see {@link ModelGuards}); an invalid output is re-asked once on the same model
 * with the validation error, then the chain moves on. 404 marks the model unavailable and moves on at once;
 * 400 and an open circuit move on without retry. A schema-valid reply whose free text repeats the system prompt
 * ({@link PromptLeakGuard}) is invalid output like any other. Every HTTP attempt takes one call from the decision budget.
 *
 * <p>The production path is the test path: langchain4j's {@link OllamaChatModel} with its own retries off
 * ({@code maxRetries(0)}, resilience4j owns them); only the base URL differs in tests.
 */
public final class ModelChainClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelChainClient.class);

    /** How much of a rejected reply is echoed back in the re-ask: enough to see the mistake, not a flood. */
    private static final int MAX_ECHOED_REPLY_CHARS = 2_000;

    private final ModelChainConfig config;
    private final ModelGuards guards;
    private final ModelAvailability availability;
    private final InvalidOutputBreaker invalidOutput;
    private final Map<ModelTarget, ChatModel> models = new ConcurrentHashMap<>();
    private final Optional<ResponseCache> cache;
    /** The prompts being asked right now, so that the same prompt asked twice at once is asked once (CachingChatModel). */
    private final ConcurrentHashMap<ReplyKey, CompletableFuture<Void>> asking = new ConcurrentHashMap<>();

    public ModelChainClient(ModelChainConfig config) {
        this(config, Clock.systemUTC());
    }

    /** @param clock drives the circuit breakers' open period and the unavailable-model period (tests advance it) */
    public ModelChainClient(ModelChainConfig config, Clock clock) {
        this(config, clock, Optional.empty());
    }

    /** @param cache answers repeated calls (replays) without asking the model; the guards and budget still apply */
    public ModelChainClient(ModelChainConfig config, Clock clock, Optional<ResponseCache> cache) {
        this.config = config;
        this.cache = cache;
        this.guards = new ModelGuards(config.resilience(), clock);
        this.availability = new ModelAvailability(config.resilience().modelUnavailableFor(), clock);
        this.invalidOutput = new InvalidOutputBreaker(config.resilience().invalidRepliesToSkip(),
                config.resilience().invalidOutputSkipFor(), clock);
    }

    public ModelChainConfig config() {
        return config;
    }

    /** The circuits and bulkheads, for health checks. */
    public ModelGuards guards() {
        return guards;
    }

    /**
     * Asks the chain, tier by tier, until one target returns an output that {@code output} accepts. Within a
     * tier the endpoints are tried in the order {@link ModelGuards#reserve} picks them (least busy healthy first),
     * each at most once; every target keeps its own retries, re-asks, circuit and 404 handling.
     *
     * @param messages the conversation (system + user) for the first ask of every target
     * @param budget   the decision's budget: each HTTP attempt takes one call; its remaining time bounds each call
     */
    public <T> ChainResult<T> call(List<ChatMessage> messages, StructuredOutput<T> output, DecisionBudget budget) {
        CallRecorder recorder = new CallRecorder();
        ResponseFormat format = ResponseFormat.builder()
                .type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name(output.name()).rootElement(JsonRawSchema.from(output.jsonSchema())).build())
                .build();
        for (ModelTier tier : config.chain()) {
            Optional<ChainResult<T>> answered = askTier(tier, messages, output, format, budget, recorder);
            if (answered.isPresent()) {
                return answered.get();
            }
            if (recorder.lastStep().failure() == FailureKind.BUDGET_EXHAUSTED) {
                break;
            }
        }
        ChainStep last = recorder.lastStep();
        String reason = "every model failed for " + output.name() + "; last: " + last;
        if (last.failure() == FailureKind.BUDGET_EXHAUSTED) {
            reason = "decision budget exhausted (" + budget.callsTaken() + "/" + budget.maxCalls() + " LLM calls, "
                    + budget.remainingTime().toMillis() + " ms left); last: " + last;
        }
        return new ChainResult.Failed<>(last.failure(), reason, recorder.telemetry(null));
    }

    /** Each endpoint of the tier at most once, best first; empty when none answered (the steps say why). */
    private <T> Optional<ChainResult<T>> askTier(ModelTier tier, List<ChatMessage> messages, StructuredOutput<T> output,
                                                 ResponseFormat format, DecisionBudget budget, CallRecorder recorder) {
        List<OllamaEndpoint> candidates = new ArrayList<>();
        List<ChainStep> skipped = new ArrayList<>();
        for (ModelTarget target : tier.targets()) {
            Optional<Instant> notPulled = availability.skippedUntil(target);
            Optional<Instant> replyingInvalid = invalidOutput.skippedUntil(target);
            if (notPulled.isPresent()) {
                skipped.add(new ChainStep(target, 0, FailureKind.MODEL_UNAVAILABLE, "until " + notPulled.get()));
            } else if (replyingInvalid.isPresent()) {
                skipped.add(new ChainStep(target, 0, FailureKind.INVALID_OUTPUT_SKIPPED, "until " + replyingInvalid.get()));
            } else {
                candidates.add(target.endpoint());
            }
        }
        if (candidates.isEmpty()) {
            skipped.forEach(recorder::step);
            return Optional.empty();
        }
        while (!candidates.isEmpty()) {
            Duration maxWait = min(config.resilience().bulkheadMaxWait(), budget.remainingTime());
            Optional<ModelGuards.Reservation> reserved = guards.reserve(tier.model(), candidates, maxWait, budget.givesWay());
            if (reserved.isEmpty()) {
                ModelTarget first = new ModelTarget(candidates.get(0), tier.model());
                if (budget.remainingTime().isZero()) {
                    recorder.step(first, 0, FailureKind.BUDGET_EXHAUSTED, "no time left to wait for a free slot");
                } else {
                    recorder.step(first, 0, FailureKind.BULKHEAD_FULL, "no free slot on "
                            + candidates.stream().map(OllamaEndpoint::baseUrl).toList() + " within " + maxWait.toMillis() + " ms");
                }
                return Optional.empty();
            }
            try (ModelGuards.Reservation reservation = reserved.get()) {
                ModelTarget target = reservation.target();
                candidates.remove(target.endpoint());
                Optional<T> value = ask(reservation, messages, output, format, budget, recorder);
                if (value.isPresent()) {
                    return Optional.of(new ChainResult.Answered<>(value.get(), recorder.telemetry(target)));
                }
            }
            if (recorder.lastStep().failure() == FailureKind.BUDGET_EXHAUSTED) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private <T> Optional<T> ask(ModelGuards.Reservation reservation, List<ChatMessage> messages, StructuredOutput<T> output,
                                ResponseFormat format, DecisionBudget budget, CallRecorder recorder) {
        ModelTarget target = reservation.target();
        int attemptsBefore = recorder.attempts();
        PromptLeakGuard leakGuard = PromptLeakGuard.of(messages);
        List<ChatMessage> conversation = messages;
        String rejection = "";
        List<RuntimeException> failedAttempts = new ArrayList<>();
        for (int ask = 1; ask <= config.resilience().asksPerModel(); ask++) {
            ChatResponse response;
            try {
                response = chat(reservation, conversation, format, budget, recorder, failedAttempts::add);
            } catch (RuntimeException e) {
                FailureKind kind = FailureKind.of(e);
                if (kind == FailureKind.MODEL_NOT_FOUND) {
                    availability.markNotPulled(target);
                }
                recorder.step(realOutcome(target, recorder.attempts() - attemptsBefore, kind, e, failedAttempts));
                return Optional.empty();
            }
            recorder.addTokens(response.metadata().tokenUsage());
            String content = response.aiMessage().text();
            try {
                T value = output.parse(content);
                leakGuard.check(output.freeText(value));
                invalidOutput.valid(target);
                recorder.step(target, recorder.attempts() - attemptsBefore, null, "");
                return Optional.of(value);
            } catch (InvalidOutputException e) {
                rejection = e.getMessage();
                LOG.info("{} rejected {} output (ask {} of {}): {}", target, output.name(), ask,
                        config.resilience().asksPerModel(), rejection);
                invalidOutput.invalid(target, rejection);
                if (invalidOutput.skippedUntil(target).isPresent()) {
                    break;
                }
                conversation = reAsk(conversation, content, rejection);
            }
        }
        recorder.step(target, recorder.attempts() - attemptsBefore, FailureKind.INVALID_OUTPUT, rejection);
        return Optional.empty();
    }

    /**
     * The step of a target that failed. When the last refusal made no call (the circuit opened, the budget ran out)
     * after attempts that did fail, the step names the last real failure (the 503 or 500 the server answered) and
     * says what stopped the retries; its attempts are the calls really made.
     */
    private static ChainStep realOutcome(ModelTarget target, int attempts, FailureKind last, RuntimeException thrown,
                                         List<RuntimeException> failedAttempts) {
        boolean noCall = last == FailureKind.CIRCUIT_OPEN || last == FailureKind.BULKHEAD_FULL;
        RuntimeException real = null;
        for (RuntimeException failure : failedAttempts) {
            FailureKind kind = FailureKind.of(failure);
            if (kind != FailureKind.CIRCUIT_OPEN && kind != FailureKind.BULKHEAD_FULL && kind != FailureKind.BUDGET_EXHAUSTED) {
                real = failure;
            }
        }
        if (real == null || !noCall) {
            String detail = errorText(thrown);
            if (real != null && real != thrown && last == FailureKind.BUDGET_EXHAUSTED) {
                detail = detail + " (after " + FailureKind.of(real).label() + ": " + errorText(real) + ")";
            }
            return new ChainStep(target, attempts, last, detail);
        }
        return new ChainStep(target, attempts, FailureKind.of(real), errorText(real) + "; then " + last.label());
    }

    private ChatResponse chat(ModelGuards.Reservation reservation, List<ChatMessage> conversation, ResponseFormat format,
                              DecisionBudget budget, CallRecorder recorder, Consumer<RuntimeException> failedAttempt) {
        ChatModel model = models.computeIfAbsent(reservation.target(), this::buildModel);
        ChatRequest request = ChatRequest.builder().messages(conversation).responseFormat(format).build();
        return guards.guard(reservation, budget::remainingTime, () -> {
            if (!budget.tryTakeCall()) {
                throw new ChainFailure(FailureKind.BUDGET_EXHAUSTED, "no LLM call or time left in the decision budget");
            }
            recorder.countAttempt();
            return budget.remainingTime();
        }, failedAttempt, () -> model.chat(request)).get();
    }

    /**
     * Every endpoint of the chain with its calls in flight and the circuit of each model it serves, now: for the
     * status page, metrics and tests.
     */
    public List<EndpointLoad> endpointLoads() {
        return config.endpoints().stream().map(endpoint -> {
            Map<String, CircuitBreaker.State> circuits = new LinkedHashMap<>();
            config.chain().stream().filter(tier -> tier.endpoints().contains(endpoint))
                    .forEach(tier -> circuits.put(tier.model(), guards.circuitState(new ModelTarget(endpoint, tier.model()))));
            return new EndpointLoad(endpoint, guards.inFlight(endpoint), circuits);
        }).toList();
    }

    /** Invalid replies in a row from the target now (0 after a valid one): for metrics. */
    public int consecutiveInvalidReplies(ModelTarget target) {
        return invalidOutput.consecutiveInvalid(target);
    }

    /** Whether the target is being skipped now because its replies kept failing validation: for metrics. */
    public boolean skippedForInvalidOutput(ModelTarget target) {
        return invalidOutput.skippedUntil(target).isPresent();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private ChatModel buildModel(ModelTarget target) {
        GenerationOptions generation = config.generation();
        ChatModel model = OllamaChatModel.builder()
                .baseUrl(target.endpoint().baseUrl())
                .modelName(target.model())
                .maxRetries(0)
                .httpClientBuilder(BlockingHttpClient.builder())
                .timeout(config.resilience().callTimeout())
                .temperature(generation.temperature())
                .seed(generation.seed())
                .numCtx(generation.numCtx())
                .build();
        return cache.<ChatModel>map(c -> new CachingChatModel(model, target.model(), generation, c, asking)).orElse(model);
    }

    /** The same conversation plus the rejected reply and what was wrong with it: models fix a named error well. */
    private static List<ChatMessage> reAsk(List<ChatMessage> conversation, String rejected, String rejection) {
        List<ChatMessage> next = new ArrayList<>(conversation);
        String echoed = rejected == null || rejected.isBlank() ? "(empty reply)"
                : rejected.length() > MAX_ECHOED_REPLY_CHARS ? rejected.substring(0, MAX_ECHOED_REPLY_CHARS) : rejected;
        next.add(AiMessage.from(echoed));
        next.add(UserMessage.from("Your previous reply was rejected: " + rejection
                + ". Fix every problem listed and reply again with only the JSON object that matches the required"
                + " schema, nothing else."));
        return List.copyOf(next);
    }

    private static String errorText(Throwable thrown) {
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        message = message.replaceAll("\\s+", " ").strip();
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }

    @Override
    public void close() {
        // Nothing left to release: every call runs on its caller's thread and ends its own connection.
    }

    /** The running tally of one call: attempts, steps, tokens, latency. */
    private static final class CallRecorder {
        private final long startNanos = System.nanoTime();
        private final List<ChainStep> steps = new ArrayList<>();
        private int attempts;
        private long promptTokens;
        private long completionTokens;

        void countAttempt() {
            attempts++;
        }

        int attempts() {
            return attempts;
        }

        void addTokens(TokenUsage usage) {
            if (usage != null) {
                promptTokens += usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
                completionTokens += usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
            }
        }

        void step(ModelTarget target, int attemptsOnTarget, FailureKind failure, String detail) {
            step(new ChainStep(target, attemptsOnTarget, failure, detail));
        }

        void step(ChainStep step) {
            steps.add(step);
        }

        ChainStep lastStep() {
            return steps.get(steps.size() - 1);
        }

        CallTelemetry telemetry(ModelTarget answeredBy) {
            return new CallTelemetry(answeredBy, attempts, steps, Duration.ofNanos(System.nanoTime() - startNanos),
                    promptTokens, completionTokens);
        }
    }
}
