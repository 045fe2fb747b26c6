package dev.quorum.agents.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.quorum.agents.Agent;
import dev.quorum.agents.AgentInput;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.PreparedAssessment;
import dev.quorum.agents.features.NewsCoverage;
import dev.quorum.agents.prompts.DataBlockLimits;
import dev.quorum.agents.prompts.PromptMode;
import dev.quorum.agents.prompts.PromptRepository;
import dev.quorum.agents.prompts.PromptTemplate;
import dev.quorum.agents.prompts.PromptTemplateException;
import dev.quorum.agents.prompts.PromptBudget;
import dev.quorum.agents.prompts.RenderedPrompt;
import dev.quorum.agents.rules.SentimentRules;
import dev.quorum.agents.signal.Abstention;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.agents.signal.SignalBackend;
import dev.quorum.agents.signal.SignalTelemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A specialist agent on the model chain: renders its prompt file ({@code prompts/<promptId>.prompt}) with the
 * agent's input, asks the chain for a {@link SignalAssessment}, and returns an {@link AgentSignal} with full
 * telemetry, or an {@link Abstention} with the failure's category.
 *
 * <p>With a rules fallback configured ({@code fallback: rules}), an agent whose every model failed returns the
 * rules agent's signal instead, marked {@code rules-fallback} with the LLM attempts in its fallback path. The
 * fallback is not used when the decision's budget ran out: the orchestrator asked for the remaining agents to
 * abstain then.
 */
public final class LlmAgent implements Agent {

    private static final Logger LOG = LoggerFactory.getLogger(LlmAgent.class);

    private final String name;
    private final String domain;
    private final String promptId;
    private final PromptRepository prompts;
    private final ModelChainClient chain;
    private final DataBlockLimits limits;
    private final Agent rulesFallback;
    private final PromptMode mode;
    private final boolean abstentionsAtDebug;

    /**
     * @param name          the roster name
     * @param promptId      the prompt file's id (usually the name)
     * @param rulesFallback the rules agent of the same role, or {@code null} for no fallback
     */
    public LlmAgent(String name, String domain, String promptId, PromptRepository prompts, ModelChainClient chain,
                    DataBlockLimits limits, Agent rulesFallback) {
        this(name, domain, promptId, prompts, chain, limits, rulesFallback, PromptMode.LIVE);
    }

    /** @param mode how the prompt names the stock and the day: anonymised for LLM backtests, live otherwise */
    public LlmAgent(String name, String domain, String promptId, PromptRepository prompts, ModelChainClient chain,
                    DataBlockLimits limits, Agent rulesFallback, PromptMode mode) {
        this(name, domain, promptId, prompts, chain, limits, rulesFallback, mode, false);
    }

    private LlmAgent(String name, String domain, String promptId, PromptRepository prompts, ModelChainClient chain,
                     DataBlockLimits limits, Agent rulesFallback, PromptMode mode, boolean abstentionsAtDebug) {
        this.abstentionsAtDebug = abstentionsAtDebug;
        this.mode = Objects.requireNonNull(mode, "mode");
        this.name = Objects.requireNonNull(name, "name");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.promptId = Objects.requireNonNull(promptId, "promptId");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        this.chain = Objects.requireNonNull(chain, "chain");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.rulesFallback = rulesFallback;
    }

    /**
     * The LLM twin of a rules agent: same name, domain and prompt id (its name); with {@code fallbackToRules} it
     * also falls back to it.
     */
    public static LlmAgent twinOf(Agent rules, PromptRepository prompts, ModelChainClient chain, boolean fallbackToRules) {
        return new LlmAgent(rules.name(), rules.domain(), rules.name(), prompts, chain, DataBlockLimits.DEFAULT,
                fallbackToRules ? rules : null);
    }

    /**
     * The same agent, logging its abstentions at DEBUG instead of WARN: for a caller that sums them up itself
     * ({@code prompts eval} prints one line per prompt), where one WARN per case would bury that line.
     */
    public LlmAgent abstainingQuietly() {
        return new LlmAgent(name, domain, promptId, prompts, chain, limits, rulesFallback, mode, true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public AgentOutcome assess(AgentInput input, DecisionBudget budget) {
        return prepare(input).run(budget);
    }

    /**
     * Reads the prompt file and renders it with the input now; running asks the model chain. An input the agent
     * cannot judge, or a prompt file that cannot be used, is an abstention when run, with nothing asked.
     */
    @Override
    public PreparedAssessment prepare(AgentInput input) {
        if (SentimentRules.DOMAIN.equals(domain)) {
            // Nothing to judge: abstain without asking a model (no tokens spent on "n/a" inputs).
            Optional<String> noNews = NewsCoverage.absent(input);
            if (noNews.isPresent()) {
                return budget -> abstention(ErrorCategory.DATA, noNews.get());
            }
        }
        PromptTemplate template;
        try {
            template = prompts.current(promptId);
        } catch (PromptTemplateException e) {
            String reason = "prompt unusable: " + e.getMessage();
            return budget -> abstention(ErrorCategory.LOGIC, reason);
        }
        // Within the token budget: a long news flow or recall block gives way, the instructions and features do not.
        RenderedPrompt prompt = PromptBudget.DEFAULT.render(template, input, limits, mode);
        List<ChatMessage> messages = List.of(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()));
        return budget -> ask(input, prompt, messages, budget);
    }

    private Abstention abstention(ErrorCategory category, String reason) {
        return new Abstention(name, domain, category, reason,
                new SignalTelemetry(SignalBackend.OLLAMA, "", "", 0, List.of(), Duration.ZERO, 0, 0, "", ""));
    }

    /** The rendered prompt asked of the model chain; the telemetry's latency counts from here. */
    private AgentOutcome ask(AgentInput input, RenderedPrompt prompt, List<ChatMessage> messages, DecisionBudget budget) {
        long start = System.nanoTime();
        ChainResult<SignalAssessment> result = chain.call(messages, SignalAssessmentOutput.INSTANCE, budget);
        if (result instanceof ChainResult.Answered<SignalAssessment> answered) {
            SignalAssessment value = answered.value();
            return new AgentSignal(name, domain, value.signal(), value.confidence(), value.summary(),
                    value.keyFactors(), telemetry(SignalBackend.OLLAMA, answered.telemetry(), prompt, start));
        }
        ChainResult.Failed<SignalAssessment> failed = (ChainResult.Failed<SignalAssessment>) result;
        if (rulesFallback != null && failed.lastFailure() != FailureKind.BUDGET_EXHAUSTED) {
            Optional<AgentSignal> rules = fallBackToRules(input, budget, failed, start);
            if (rules.isPresent()) {
                return rules.get();
            }
        }
        if (abstentionsAtDebug) {
            LOG.debug("{} abstains ({}): {}", name, failed.category(), failed.reason());
        } else {
            LOG.warn("{} abstains ({}): {}", name, failed.category(), failed.reason());
        }
        return new Abstention(name, domain, failed.category(), failed.reason(),
                telemetry(SignalBackend.OLLAMA, failed.telemetry(), prompt, start));
    }

    private Optional<AgentSignal> fallBackToRules(AgentInput input, DecisionBudget budget,
                                                  ChainResult.Failed<SignalAssessment> failed, long start) {
        AgentOutcome outcome = rulesFallback.assess(input, budget);
        if (!(outcome instanceof AgentSignal rules)) {
            return Optional.empty();
        }
        LOG.warn("{}: every model failed ({}), using the rules fallback as configured", name, failed.reason());
        CallTelemetry llm = failed.telemetry();
        List<String> path = new ArrayList<>(llm.fallbackPath());
        path.add("rules -> ok (" + failed.category() + " on every model)");
        SignalTelemetry telemetry = new SignalTelemetry(SignalBackend.RULES_FALLBACK, "", "", llm.attempts(), path,
                elapsedSince(start), llm.promptTokens(), llm.completionTokens(),
                rules.telemetry().promptId(), rules.telemetry().promptHash());
        return Optional.of(new AgentSignal(name, domain, rules.signal(), rules.confidence(), rules.summary(),
                rules.keyFactors(), telemetry));
    }

    private static SignalTelemetry telemetry(SignalBackend backend, CallTelemetry call,
                                             RenderedPrompt prompt, long start) {
        return new SignalTelemetry(backend, call.model(), call.endpoint(), call.attempts(), call.fallbackPath(),
                elapsedSince(start), call.promptTokens(), call.completionTokens(), prompt.promptId(), prompt.promptHash());
    }

    private static Duration elapsedSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
