package dev.quorum.orchestrator.synthesis;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.quorum.agents.llm.CallTelemetry;
import dev.quorum.agents.llm.ChainResult;
import dev.quorum.agents.llm.ModelChainClient;
import dev.quorum.agents.prompts.DataBlockLimits;
import dev.quorum.agents.prompts.PromptRepository;
import dev.quorum.agents.prompts.PromptTemplate;
import dev.quorum.agents.prompts.PromptTemplateException;
import dev.quorum.agents.prompts.PromptValues;
import dev.quorum.agents.prompts.PromptVocabulary;
import dev.quorum.agents.prompts.RenderedPrompt;
import dev.quorum.agents.prompts.UntrustedText;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.SignalTelemetry;
import dev.quorum.envelope.Direction;
import dev.quorum.orchestrator.consensus.ConsensusResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The synthesis agent: renders {@code prompts/synthesis.prompt} with the votes (each with its trust weight), the
 * weighted consensus and the recall block, asks the model chain for a structured verdict under the same
 * validation, retry and fallback rules as the specialists, and spends the same decision budget. When the prompt is
 * unusable or every model fails, the {@link RuleSynthesis} decides and the method says {@code rules-fallback} with
 * the reason. Without a quorum no model is asked: there is nothing to synthesise.
 */
public final class LlmSynthesis implements Synthesiser {

    private static final Logger log = LoggerFactory.getLogger(LlmSynthesis.class);
    public static final String PROMPT_ID = "synthesis";

    private final PromptRepository prompts;
    private final ModelChainClient chain;
    private final RuleSynthesis rules;

    public LlmSynthesis(PromptRepository prompts, ModelChainClient chain, RuleSynthesis rules) {
        this.prompts = prompts;
        this.chain = chain;
        this.rules = rules;
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
        Map<String, String> values = new java.util.HashMap<>(PromptValues.forAgent(request.input(), DataBlockLimits.DEFAULT));
        values.put(PromptVocabulary.AGENT_SIGNALS, votes(request.outcomes(), consensus));
        values.put(PromptVocabulary.CONSENSUS, describe(consensus));
        RenderedPrompt prompt = template.render(values);
        List<ChatMessage> messages = List.of(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()));
        ChainResult<SynthesisOutput.Answer> result = chain.call(messages, SynthesisOutput.INSTANCE, request.budget());
        if (result instanceof ChainResult.Answered<SynthesisOutput.Answer> answered) {
            SynthesisOutput.Answer answer = answered.value();
            return new SynthesisVerdict(answer.verdict(), answer.confidence(), answer.reasoning(), "llm",
                    telemetry(answered.telemetry(), prompt, start));
        }
        ChainResult.Failed<SynthesisOutput.Answer> failed = (ChainResult.Failed<SynthesisOutput.Answer>) result;
        log.warn("synthesis for {} fell back to the rules: {}", request.input().ticker(), failed.reason());
        return fallback(consensus, failed.reason(), telemetry(failed.telemetry(), prompt, start));
    }

    private SynthesisVerdict fallback(ConsensusResult consensus, String reason, SignalTelemetry telemetry) {
        SynthesisVerdict ruled = rules.decide(consensus);
        return new SynthesisVerdict(ruled.verdict(), ruled.confidence(), ruled.reasoning(), "rules-fallback: " + reason, telemetry);
    }

    /** One line per vote; summaries are model output, so they are inlined as capped, stripped data. */
    static String votes(List<AgentOutcome> outcomes, ConsensusResult consensus) {
        StringJoiner lines = new StringJoiner("\n");
        for (AgentOutcome outcome : outcomes) {
            if (outcome instanceof AgentSignal s) {
                lines.add(String.format(Locale.ROOT, "- %s: %s, confidence %.2f, trust weight %.2f, summary: %s",
                        s.agent(), s.signal(), s.confidence(), consensus.trustWeights().get(s.agent()),
                        UntrustedText.inline(s.summary(), AgentSignal.MAX_SUMMARY_CHARS)));
            }
        }
        return lines.toString();
    }

    static String describe(ConsensusResult c) {
        return String.format(Locale.ROOT, "ensemble score %+.3f on [-1, 1] (%s leads, %.0f%% of voters agree; votes BULLISH %d, BEARISH %d, NEUTRAL %d; %d abstained)",
                c.ensembleScore(), c.leading(), c.agreement() * 100, c.distribution().get(Direction.BULLISH).agents(),
                c.distribution().get(Direction.BEARISH).agents(), c.distribution().get(Direction.NEUTRAL).agents(),
                c.abstentions().size());
    }

    private static SignalTelemetry telemetry(CallTelemetry call, RenderedPrompt prompt, long start) {
        return new SignalTelemetry("ollama", call.model(), call.endpoint(), call.attempts(), call.fallbackPath(),
                Duration.ofNanos(System.nanoTime() - start), call.promptTokens(), call.completionTokens(),
                prompt.promptId(), prompt.promptHash());
    }
}
