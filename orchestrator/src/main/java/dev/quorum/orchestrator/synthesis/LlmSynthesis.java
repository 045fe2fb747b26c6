package dev.quorum.orchestrator.synthesis;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.quorum.agents.features.FeatureKeys;
import dev.quorum.agents.llm.CallTelemetry;
import dev.quorum.agents.llm.ChainResult;
import dev.quorum.agents.llm.ModelChainClient;
import dev.quorum.agents.prompts.DataBlockLimits;
import dev.quorum.agents.prompts.PromptMode;
import dev.quorum.agents.prompts.PromptRepository;
import dev.quorum.agents.prompts.PromptTemplate;
import dev.quorum.agents.prompts.PromptTemplateException;
import dev.quorum.agents.prompts.PromptValues;
import dev.quorum.agents.prompts.PromptVocabulary;
import dev.quorum.agents.prompts.RenderedPrompt;
import dev.quorum.agents.prompts.UntrustedText;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.SignalBackend;
import dev.quorum.agents.signal.SignalTelemetry;
import dev.quorum.envelope.Direction;
import dev.quorum.orchestrator.consensus.ConsensusResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The synthesis agent: renders {@code prompts/synthesis.prompt} with the votes (each with its trust weight), the
 * weighted consensus and the recall block, asks the model chain for a structured verdict under the same
 * validation, retry and fallback rules as the specialists, and spends the same decision budget. When the prompt is
 * unusable or every model fails, the {@link RuleSynthesis} decides and the method is a
 * {@link SynthesisMethod.RulesFallback} with the reason. Without a quorum no model is asked: there is nothing to synthesise. The model's confidence is its
 * claim; the cycle bounds it by what the ensemble score supports ({@link RuleSynthesis#bound}) and records both.
 */
public final class LlmSynthesis implements Synthesiser {

    private static final Logger log = LoggerFactory.getLogger(LlmSynthesis.class);
    public static final String PROMPT_ID = "synthesis";
    /** How much of each voter's own words the synthesis sees: enough to weigh it, short enough for 600 tokens. */
    private static final int SUMMARY_CHARS_SHOWN = 100;
    private static final int KEY_FACTORS_SHOWN = 3;
    private static final int KEY_FACTOR_CHARS_SHOWN = 30;

    private final PromptRepository prompts;
    private final ModelChainClient chain;
    private final RuleSynthesis rules;
    private final PromptMode mode;

    public LlmSynthesis(PromptRepository prompts, ModelChainClient chain, RuleSynthesis rules) {
        this(prompts, chain, rules, PromptMode.LIVE);
    }

    /** @param mode how the prompt names the stock and the day: anonymised for LLM backtests, live otherwise */
    public LlmSynthesis(PromptRepository prompts, ModelChainClient chain, RuleSynthesis rules, PromptMode mode) {
        this.prompts = prompts;
        this.chain = chain;
        this.rules = rules;
        this.mode = mode;
    }

    @Override
    public SynthesisVerdict synthesise(SynthesisRequest request) {
        ConsensusResult consensus = request.consensus();
        if (!consensus.quorumMet()) {
            return rules.decide(consensus);
        }
        long start = System.nanoTime();
        PromptTemplate template;
        try {
            template = prompts.current(PROMPT_ID);
        } catch (PromptTemplateException e) {
            return fallback(consensus, "prompt unusable: " + e.getMessage(), SynthesisVerdict.NO_MODEL);
        }
        Map<String, String> values = new java.util.HashMap<>(PromptValues.forAgent(request.input(), DataBlockLimits.DEFAULT, mode));
        values.put(PromptVocabulary.AGENT_SIGNALS, votes(request.outcomes(), consensus));
        values.put(PromptVocabulary.CONSENSUS, describe(consensus));
        values.put(PromptVocabulary.MISSING_INPUTS, missing(request.input().features().keySet(), consensus));
        RenderedPrompt prompt = template.render(values);
        List<ChatMessage> messages = List.of(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()));
        ChainResult<SynthesisOutput.Answer> result = chain.call(messages, SynthesisOutput.INSTANCE, request.budget());
        if (result instanceof ChainResult.Answered<SynthesisOutput.Answer> answered) {
            SynthesisOutput.Answer answer = answered.value();
            return new SynthesisVerdict(answer.verdict(), answer.confidence(), answer.reasoning(), SynthesisMethod.Step.LLM,
                    telemetry(answered.telemetry(), prompt, start));
        }
        ChainResult.Failed<SynthesisOutput.Answer> failed = (ChainResult.Failed<SynthesisOutput.Answer>) result;
        log.warn("synthesis for {} fell back to the rules: {}", request.input().ticker(), failed.reason());
        return fallback(consensus, failed.reason(), telemetry(failed.telemetry(), prompt, start));
    }

    private SynthesisVerdict fallback(ConsensusResult consensus, String reason, SignalTelemetry telemetry) {
        SynthesisVerdict ruled = rules.decide(consensus);
        return new SynthesisVerdict(ruled.verdict(), ruled.confidence(), ruled.reasoning(), new SynthesisMethod.RulesFallback(reason), telemetry);
    }

    /**
     * One line per vote, then the voters' summaries and first key factors in a fenced block: they are model output,
     * so they are data, capped to keep the prompt short (the full text is in the envelope).
     */
    static String votes(List<AgentOutcome> outcomes, ConsensusResult consensus) {
        StringJoiner lines = new StringJoiner("\n");
        Map<String, String> words = new LinkedHashMap<>();
        for (AgentOutcome outcome : outcomes) {
            if (outcome instanceof AgentSignal s) {
                lines.add(String.format(Locale.ROOT, "- %s %s %.2f, trust %.2f",
                        s.agent(), s.signal(), s.confidence(), consensus.trustWeights().get(s.agent())));
                List<String> factors = s.keyFactors().stream().limit(KEY_FACTORS_SHOWN)
                        .map(f -> UntrustedText.inline(f, KEY_FACTOR_CHARS_SHOWN)).toList();
                words.put(s.agent(), UntrustedText.inline(s.summary(), SUMMARY_CHARS_SHOWN)
                        + (factors.isEmpty() ? "" : " Factors: " + String.join("; ", factors)));
            }
        }
        if (!words.isEmpty()) {
            lines.add(UntrustedText.summariesBlock(words, SUMMARY_CHARS_SHOWN + KEY_FACTORS_SHOWN * (KEY_FACTOR_CHARS_SHOWN + 2) + 10));
        }
        return lines.toString();
    }

    /** The features the specialists saw as "n/a" and the agents that abstained: what the votes could not rest on. */
    static String missing(Set<String> present, ConsensusResult consensus) {
        List<String> absent = FeatureKeys.ALL.stream().filter(key -> !present.contains(key)).toList();
        List<String> parts = new ArrayList<>();
        if (!absent.isEmpty()) {
            parts.add("n/a inputs: " + String.join(", ", absent));
        }
        if (!consensus.abstentions().isEmpty()) {
            parts.add("abstained: " + String.join(", ", consensus.abstentions().stream().map(a -> a.agent()).toList()));
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    static String describe(ConsensusResult c) {
        return String.format(Locale.ROOT, "ensemble score %+.3f on [-1, 1] (%s leads, %.0f%% of voters agree; votes BULLISH %d, BEARISH %d, NEUTRAL %d; %d abstained)",
                c.ensembleScore(), c.leading(), c.agreement() * 100, c.distribution().get(Direction.BULLISH).agents(),
                c.distribution().get(Direction.BEARISH).agents(), c.distribution().get(Direction.NEUTRAL).agents(),
                c.abstentions().size());
    }

    private static SignalTelemetry telemetry(CallTelemetry call, RenderedPrompt prompt, long start) {
        return new SignalTelemetry(SignalBackend.OLLAMA, call.model(), call.endpoint(), call.attempts(), call.fallbackPath(),
                Duration.ofNanos(System.nanoTime() - start), call.promptTokens(), call.completionTokens(),
                prompt.promptId(), prompt.promptHash());
    }
}
