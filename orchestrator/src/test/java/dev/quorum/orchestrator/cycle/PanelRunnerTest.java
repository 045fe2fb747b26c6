package dev.quorum.orchestrator.cycle;

import dev.quorum.agents.Agent;
import dev.quorum.agents.AgentInput;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.PreparedAssessment;
import dev.quorum.agents.llm.GenerationOptions;
import dev.quorum.agents.llm.LlmAgent;
import dev.quorum.agents.llm.ModelChainClient;
import dev.quorum.agents.llm.ModelChainConfig;
import dev.quorum.agents.llm.OllamaEndpoint;
import dev.quorum.agents.llm.ResilienceSettings;
import dev.quorum.agents.prompts.DataBlockLimits;
import dev.quorum.agents.prompts.PromptRepository;
import dev.quorum.agents.signal.Abstention;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.agents.signal.SignalBackend;
import dev.quorum.agents.signal.SignalTelemetry;
import dev.quorum.envelope.Direction;
import dev.quorum.testkit.Closer;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The panel's agents run at once, on the production client against the Ollama protocol test server. */
class PanelRunnerTest {

    private static final String QWEN = "qwen2.5:7b";
    private static final String BULLISH = """
            {"signal": "BULLISH", "confidence": 0.8, "summary": "Trend and momentum agree.", "key_factors": ["above SMA50"]}""";
    private static final AgentInput INPUT = new AgentInput("NVDA", LocalDate.parse("2024-06-03"), Map.of("rsi_14", 61.2),
            List.of("Nvidia unveils next-generation AI chips at Computex"), "");

    private final Closer closer = new Closer();
    private OllamaTestServer ollama;
    private ModelChainClient chain;
    private ExecutorService pool;
    private final PromptRepository prompts = new PromptRepository(ProjectPaths.root().resolve("prompts"));

    @BeforeEach
    void start() {
        ollama = closer.add(OllamaTestServer.start());
        ollama.model(QWEN).thenAlways(OllamaReply.content(BULLISH));
        chain = closer.add(new ModelChainClient(new ModelChainConfig(
                ModelChainConfig.chainOf(List.of(new OllamaEndpoint(ollama.baseUrl(), 4)), List.of(QWEN)),
                ResilienceSettings.builder().callTimeout(Duration.ofSeconds(20)).maxAttempts(1).build(),
                GenerationOptions.DEFAULT)));
        pool = Executors.newFixedThreadPool(4);
        closer.add(pool::shutdownNow);
    }

    @AfterEach
    void stop() throws Exception {
        ollama.releaseReplies();
        closer.close();
    }

    private LlmAgent llmAgent(String name) {
        return new LlmAgent(name, name + "-domain", name, prompts, chain, DataBlockLimits.DEFAULT, null);
    }

    @Test
    void should_tell_when_every_agent_has_asked_its_model_or_ended_without_asking_before_any_answer() throws Exception {
        CountDownLatch rulesMayEnd = new CountDownLatch(1);
        Agent slowWithoutModel = new ScriptedAgent("slow", input -> {
            try {
                rulesMayEnd.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Abstention("slow", "slow-domain", ErrorCategory.DATA, "nothing to judge", new SignalTelemetry(
                    SignalBackend.RULES, "", "", 0, List.of(), Duration.ZERO, 0, 0, "", ""));
        });
        PanelRunner panel = new PanelRunner(List.of(llmAgent("technical"), slowWithoutModel), pool);
        CountDownLatch asked = new CountDownLatch(1);
        ollama.holdReplies();

        CompletableFuture<List<AgentOutcome>> outcomes = CompletableFuture.supplyAsync(() -> {
            try {
                return panel.assess(INPUT, DecisionBudget.unlimited(), asked::countDown);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        // The technical agent's request has reached the server, so its own part was told before that.
        assertTrue(ollama.awaitInFlight(1, Duration.ofSeconds(20)), "the technical agent asks its model");
        assertEquals(1, asked.getCount(), "not told while an agent has neither asked nor ended");
        rulesMayEnd.countDown();
        assertTrue(asked.await(20, TimeUnit.SECONDS), "told once the last agent ended, its model's answer still held");
        assertFalse(outcomes.isDone());
        ollama.releaseReplies();

        List<AgentOutcome> answered = outcomes.get(20, TimeUnit.SECONDS);
        assertEquals(Direction.BULLISH, assertInstanceOf(AgentSignal.class, answered.get(0)).signal());
        assertEquals("nothing to judge", assertInstanceOf(Abstention.class, answered.get(1)).reason());
    }

    @Test
    void should_ask_the_models_only_when_a_prepared_panel_runs_with_the_prompts_an_unprepared_one_sends() throws Exception {
        PanelRunner panel = new PanelRunner(List.of(llmAgent("technical"), llmAgent("risk")), pool);

        List<AgentOutcome> direct = panel.assess(INPUT, DecisionBudget.unlimited());
        List<OllamaTestServer.RecordedChat> asDirect = List.copyOf(ollama.chats(QWEN));
        ollama.clearRecords();
        PanelRunner.PreparedPanel prepared = panel.prepare(INPUT);
        assertEquals(0, ollama.chatCount(QWEN), "preparing renders the prompts; it asks nothing");
        List<AgentOutcome> run = panel.assess(prepared, DecisionBudget.unlimited(), () -> { });

        assertEquals(sorted(asDirect), sorted(ollama.chats(QWEN)), "the same prompts, whichever way the panel ran");
        assertEquals(direct.stream().map(AgentOutcome::agent).toList(), run.stream().map(AgentOutcome::agent).toList());
        assertEquals(Direction.BULLISH, assertInstanceOf(AgentSignal.class, run.get(1)).signal());
    }

    @Test
    void should_abstain_an_agent_whose_preparation_failed_when_the_panel_runs_and_still_ask_the_others() throws Exception {
        Agent broken = new Agent() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public String domain() {
                return "broken-domain";
            }

            @Override
            public AgentOutcome assess(AgentInput input, DecisionBudget budget) {
                return prepare(input).run(budget);
            }

            @Override
            public PreparedAssessment prepare(AgentInput input) {
                throw new IllegalStateException("no prompt for you");
            }
        };
        PanelRunner panel = new PanelRunner(List.of(broken, llmAgent("technical")), pool);

        List<AgentOutcome> outcomes = panel.assess(panel.prepare(INPUT), DecisionBudget.unlimited(), () -> { });

        Abstention abstention = assertInstanceOf(Abstention.class, outcomes.get(0));
        assertEquals(ErrorCategory.LOGIC, abstention.category());
        assertEquals("failed: IllegalStateException: no prompt for you", abstention.reason());
        assertInstanceOf(AgentSignal.class, outcomes.get(1));
    }

    private static List<String> sorted(List<OllamaTestServer.RecordedChat> chats) {
        return chats.stream().map(chat -> chat.messages().toString()).sorted().toList();
    }
}
