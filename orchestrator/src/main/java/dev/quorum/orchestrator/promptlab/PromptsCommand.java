package dev.quorum.orchestrator.promptlab;

import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.llm.LlmAgent;
import dev.quorum.agents.llm.ModelChainClient;
import dev.quorum.agents.llm.ModelChainConfig;
import dev.quorum.agents.llm.OllamaProbe;
import dev.quorum.agents.prompts.DataBlockLimits;
import dev.quorum.agents.prompts.PromptMode;
import dev.quorum.agents.prompts.PromptRepository;
import dev.quorum.agents.prompts.PromptTemplate;
import dev.quorum.agents.prompts.PromptTemplateException;
import dev.quorum.agents.prompts.PromptVocabulary;
import dev.quorum.memory.outcomes.OutcomeRules;
import dev.quorum.memory.store.DecisionStore;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.orchestrator.backtest.metrics.BlockBootstrap;
import dev.quorum.orchestrator.backtest.metrics.HitRate;
import dev.quorum.orchestrator.backtest.replay.SqliteResponseCache;
import dev.quorum.orchestrator.cli.ConfigOption;
import dev.quorum.orchestrator.cli.ExitCodes;
import dev.quorum.orchestrator.config.KnownAgents;
import dev.quorum.orchestrator.cli.StoreOptions;
import dev.quorum.orchestrator.cli.Switch;
import dev.quorum.orchestrator.config.AgentConfig;
import dev.quorum.orchestrator.config.BudgetConfig;
import dev.quorum.orchestrator.config.ConfigException;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.llm.ModelChains;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code quorum prompts}: evaluate a candidate prompt on stored decisions, list the prompt versions, suggest a prompt
 * change from an agent's errors and worst calls (seed 002's AgentImprover, never applied).
 */
@Command(name = "prompts", mixinStandardHelpOptions = true, description = "Prompt evaluation, history and suggestions.",
        subcommands = {PromptsCommand.Eval.class, PromptsCommand.ListVersions.class, PromptsCommand.Suggest.class},
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.DONE, ExitCodes.USAGE})
public final class PromptsCommand {
    // Not runnable itself: "quorum prompts" alone is a usage error (a missing subcommand, exit 2), as "quorum jobs" is.

    /** Where the decisions and the configuration come from. */
    static final class Sources {

        @Mixin
        ConfigOption config;

        @Option(names = "--db", paramLabel = "FILE", description = "Decision database (default: the configuration's; a backtest's --db works too).")
        Path database;

        QuorumConfig config() {
            return config.load();
        }

        /**
         * The panel's agent named {@code --agent}, refused as {@code weights} and {@code errors} refuse one (exit 1): only
         * the panel's agents are known here, as only they have a prompt file to evaluate or review.
         */
        static AgentConfig agent(QuorumConfig config, String agent) {
            try {
                KnownAgents.check(agent, config, List.of());
            } catch (IllegalArgumentException e) {
                throw new Refusal(ExitCodes.NOT_DONE, e.getMessage());
            }
            return config.agents().stream().filter(a -> a.name().equals(agent)).findFirst().orElseThrow();
        }

        /** The database; a path with nothing there exits 3 as in {@code weights}, never creating one. */
        QuorumDatabase open(QuorumConfig config) {
            Path file = database != null ? database : config.sqliteFile();
            if (!Files.exists(file)) {
                throw new Refusal(ExitCodes.UNUSABLE, StoreOptions.noDatabase(file));
            }
            // A directory or a file that is no Quorum database: QuorumDatabase refuses it (exit 3 by the error handler).
            return QuorumDatabase.open(file);
        }
    }

    /**
     * A refusal whose exit code is not the operator error's: an unknown agent or no comparison to make (1), a missing
     * database (3).
     */
    static final class Refusal extends RuntimeException {

        final int code;

        Refusal(int code, String message) {
            super(message);
            this.code = code;
        }

        /** The one line, {@code quorum prompts <command>: <why>} as every command prints it, and the exit code. */
        int report(CommandSpec spec) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.qualifiedName() + ": " + getMessage());
            err.flush();
            return code;
        }
    }

    /**
     * Why the chain cannot answer at all, probed before any model is asked (as {@code agents --backend ollama} does);
     * empty when it can. {@code elsewhere} ends the line: what else the operator can do.
     */
    static Optional<String> unusable(ModelChainConfig chain, String elsewhere) {
        OllamaProbe probe = new OllamaProbe(Duration.ofSeconds(3));
        return OllamaProbe.unusable(chain.targets(), chain.endpoints().stream().map(probe::probe).toList(), elsewhere);
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = {"Replays the inputs an agent saw in stored decisions through the current and a candidate prompt "
                    + "and prints both side by side."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.OK + ":the candidate is not shown worse (the last line says whether a drop beyond --margin is ruled out)", ExitCodes.NOT_DONE + ":the candidate is worse beyond --margin and outside "
                    + "noise, or no comparison was made (no Ollama endpoint or model answers, a call reached no model, too few cases or "
                    + "directional calls): the last line says which; or refused: an agent not on the panel",
                    ExitCodes.USAGE + " (also bad input)", ExitCodes.DATABASE_UNUSABLE})
    static final class Eval implements Callable<Integer> {

        /** The most recent decisions evaluated when neither --cases nor a window is given. */
        static final int DEFAULT_CASES = 50;

        @Spec
        CommandSpec spec;

        @Mixin
        Sources sources = new Sources();

        @Option(names = "--agent", required = true, paramLabel = "A", description = "The agent whose prompt changes.")
        String agent;

        @Option(names = "--candidate", required = true, paramLabel = "FILE", description = "The candidate prompt file.")
        Path candidate;

        @Option(names = "--cases", paramLabel = "N", description = "The N most recent decisions, at least 1 (default "
                + DEFAULT_CASES + "; with --from or --to, every decision in that window).")
        Integer cases;

        @Option(names = "--from", paramLabel = "D1", description = "Only decisions from this trade date.")
        LocalDate from;

        @Option(names = "--to", paramLabel = "D2", description = "Only decisions up to this trade date.")
        LocalDate to;

        @Option(names = "--margin", paramLabel = "M", defaultValue = "0.05",
                description = "Tolerated drop in valid-output rate and accuracy, as a fraction from 0 to 1; a larger drop fails only "
                        + "when its block-bootstrap 95%% interval lies below 0 (default ${DEFAULT-VALUE}).")
        double margin;

        @Option(names = "--llm-cache", paramLabel = "FILE", defaultValue = "var/llm-cache.db",
                description = "LLM reply cache: an unchanged prompt's replies are not asked again (default ${DEFAULT-VALUE}).")
        Path llmCache;

        // On by default, as for an LLM backtest: the cases are history, and a model trained after their dates would
        // answer "AAPL on 2023-06-30" from what it remembers, which measures recall, not the prompt.
        @Option(names = "--anonymise", converter = Switch.Values.class, completionCandidates = Switch.Values.class,
                defaultValue = "on", description = "Prompts without the ticker, company names or calendar dates, prices "
                + "rescaled, as an LLM backtest asks them: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
        Switch anonymise;

        /** How many of the most recent decisions: --cases when given, else the default, or the whole window given. */
        private int limit() {
            return cases != null ? cases : from == null && to == null ? DEFAULT_CASES : Integer.MAX_VALUE;
        }

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path candidateDir = null;
            try {
                if (cases != null && cases < 1) {
                    throw new IllegalArgumentException("--cases must be at least 1, was " + cases);
                }
                if (!(margin >= 0 && margin <= 1)) {
                    throw new IllegalArgumentException("--margin must be between 0 and 1 (a fraction), was " + margin);
                }
                if (from != null && to != null && from.isAfter(to)) {
                    throw new IllegalArgumentException("--from " + from + " is after --to " + to);
                }
                QuorumConfig config = sources.config();
                AgentConfig agentConfig = Sources.agent(config, agent);
                candidateDir = Files.createTempDirectory("quorum-candidate");
                // Both files checked first, so that a problem is one line naming the file: a repository would also log it.
                Path copy = candidateDir.resolve(agentConfig.prompt() + ".prompt");
                Files.writeString(copy, promptText("--candidate", candidate, copy));
                Path currentFile = config.promptsDirectory().resolve(agentConfig.prompt() + ".prompt");
                promptText("the current prompt", currentFile, currentFile);
                PromptRepository currentPrompts = new PromptRepository(config.promptsDirectory());
                PromptRepository candidatePrompts = new PromptRepository(candidateDir);
                PromptTemplate currentTemplate = currentPrompts.current(agentConfig.prompt());
                PromptTemplate candidateTemplate = candidatePrompts.current(agentConfig.prompt());
                QuorumDatabase database = sources.open(config);
                List<EvalCase> evalCases = new StoredPrompts(database, new DecisionStore(database, config.redis().stream()))
                        .cases(agent, from == null ? LocalDate.of(1900, 1, 1) : from, to == null ? LocalDate.of(9999, 12, 31) : to,
                                limit());
                if (evalCases.isEmpty()) {
                    throw new IllegalArgumentException("no stored decision of agent " + agent + " in " + database.file()
                            + (from == null && to == null ? "" : " with a trade date in " + (from == null ? "" : from) + ".."
                            + (to == null ? "" : to)) + ": nothing to evaluate");
                }
                OutcomeRules rules = new OutcomeRules(config.outcome().horizonSessions(), config.outcome().epsilon(),
                        OutcomeRules.defaults().benchmark());
                // A case asks one agent on the LLM, whatever backend the panel gives it: the budget of one role's pass (a
                // panel of rules agents would derive one call, and a first invalid reply could not be asked again).
                BudgetConfig budget = config.budget().orOnePass(1, QuorumConfig.chainTargets(config.ollama()));
                PromptEvaluation evaluation = new PromptEvaluation(rules, () -> ModelChains.budget(budget, Clock.systemUTC()));
                // Refused before any model is asked: too few cases for a verdict, or a chain that cannot answer at all.
                Optional<String> refusal = evaluation.tooFew(evalCases)
                        .or(() -> unusable(chainConfig(config), "name another under ollama.endpoints in the configuration"));
                if (refusal.isPresent()) {
                    throw new Refusal(ExitCodes.NOT_DONE, "no comparison: " + refusal.get());
                }
                try (SqliteResponseCache cache = SqliteResponseCache.open(llmCache);
                     ModelChainClient chain = new ModelChainClient(chainConfig(config), Clock.systemUTC(), Optional.of(cache))) {
                    PromptEvaluation.Comparison comparison = evaluation.compare(evalCases,
                            contender("current", currentTemplate, agentConfig, currentPrompts, chain, mode()),
                            contender("candidate", candidateTemplate, agentConfig, candidatePrompts, chain, mode()), margin);
                    print(out, agent, comparison);
                    var stats = cache.stats();
                    out.printf(Locale.ROOT, "LLM reply cache: %d hits, %d calls made, %d tokens spent, %d saved%n",
                            stats.hits(), stats.misses(), stats.tokensSpent(), stats.tokensSaved());
                    out.flush();
                    return comparison.verdict() == PromptEvaluation.Verdict.NOT_WORSE ? ExitCodes.OK : ExitCodes.NOT_DONE;
                }
            } catch (Refusal e) {
                return e.report(spec);
            } catch (IllegalArgumentException | ConfigException | PromptTemplateException e) {
                err.println("quorum prompts eval: " + e.getMessage());
                err.flush();
                return ExitCodes.OPERATOR_ERROR;
            } finally {
                deleteQuietly(candidateDir);
            }
        }

        /**
         * The text of a prompt file, refused in one line naming {@code what} and the file as given when it cannot be read
         * or is no prompt file. It is parsed as {@code parsedAs} (the candidate's copy, named as the agent's prompt, so
         * that its header must name that prompt).
         */
        private static String promptText(String what, Path file, Path parsedAs) {
            String named = what + " " + file;
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException(named + " is a directory, not a prompt file");
            }
            try {
                String content = Files.readString(file);
                PromptTemplate.parse(parsedAs, content, PromptVocabulary.all());
                return content;
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException(named + " does not exist");
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException(named + " is not a prompt file: not valid UTF-8");
            } catch (AccessDeniedException e) {
                throw new IllegalArgumentException(named + " cannot be read: permission denied");
            } catch (IOException e) {
                throw new IllegalArgumentException(named + " cannot be read: " + e.getMessage());
            } catch (PromptTemplateException e) {
                // The message is "<parsedAs>[ line N]: problem"; the same with the file as given.
                throw new IllegalArgumentException(named + e.getMessage().substring(parsedAs.toString().length()));
            }
        }

        /**
         * The configured chain with the invalid-output breaker off: the live cycle skips a model after a few invalid
         * replies in a row to save asks, but here both prompts share the model, so one prompt's bad replies would stop
         * the other's being asked, and every case must be asked to be scored.
         */
        private static ModelChainConfig chainConfig(QuorumConfig config) {
            ModelChainConfig configured = ModelChains.from(config);
            return new ModelChainConfig(configured.chain(),
                    configured.resilience().toBuilder().invalidRepliesToSkip(Integer.MAX_VALUE).build(), configured.generation());
        }

        private PromptMode mode() {
            return anonymise.on() ? PromptMode.ANONYMISED : PromptMode.LIVE;
        }

        private static PromptEvaluation.Contender contender(String label, PromptTemplate template, AgentConfig agent,
                                                             PromptRepository prompts, ModelChainClient chain, PromptMode mode) {
            return new PromptEvaluation.Contender(label + " (" + template.id() + "@" + template.version() + ")", template.contentHash(),
                    new LlmAgent(agent.name(), agent.domain(), agent.prompt(), prompts, chain, DataBlockLimits.DEFAULT, null, mode)
                            .abstainingQuietly());
        }

        private static void print(PrintWriter out, String agent, PromptEvaluation.Comparison c) {
            PromptScore a = c.current();
            PromptScore b = c.candidate();
            out.printf(Locale.ROOT, "Agent %s, %d stored decisions replayed%n", agent, a.cases());
            out.printf(Locale.ROOT, "%-22s %-26s %-26s%n", "", a.prompt(), b.prompt());
            out.printf(Locale.ROOT, "%-22s %-26s %-26s%n", "prompt hash", a.promptHash().substring(0, 12), b.promptHash().substring(0, 12));
            out.printf(Locale.ROOT, "%-22s %-26s %-26s%n", "valid-output rate", pct(a.validRate()) + " (" + a.valid() + ")",
                    pct(b.validRate()) + " (" + b.valid() + ")");
            out.printf(Locale.ROOT, "%-22s %-26s %-26s%n", "accuracy on the sign", hit(a.accuracy()), hit(b.accuracy()));
            out.printf(Locale.ROOT, "%-22s %-26s %-26s%n", "Brier (base rate)", num(a.calibration().brier()) + " ("
                    + num(a.calibration().baseRateBrier()) + ")", num(b.calibration().brier()) + " (" + num(b.calibration().baseRateBrier()) + ")");
            out.printf(Locale.ROOT, "%-22s %-26s %-26s%n", "mean latency", String.format(Locale.ROOT, "%.0f ms", a.meanLatencyMillis()),
                    String.format(Locale.ROOT, "%.0f ms", b.meanLatencyMillis()));
            out.printf(Locale.ROOT, "%-22s %-26s %-26s%n", "mean tokens", String.format(Locale.ROOT, "%.0f", a.meanTokens()),
                    String.format(Locale.ROOT, "%.0f", b.meanTokens()));
            out.printf(Locale.ROOT, "%-22s %-26s %-26s%n", "abstentions", abstentions(a), abstentions(b));
            out.printf(Locale.ROOT, "%-22s %s%n", "agreement", hit(c.agreement()) + " of cases both answered");
            for (PromptScore side : List.of(a, b)) {
                if (!side.commonReason().isEmpty()) {
                    int cases = side.abstentions().values().stream().mapToInt(Integer::intValue).sum();
                    out.printf(Locale.ROOT, "%s abstained on %d of %d cases; most often: %s%n", side.prompt(), cases, side.cases(),
                            side.commonReason());
                }
            }
            out.printf(Locale.ROOT, "candidate - current, 95%% block bootstrap (block %d cases, seed %d):%n", c.blockLength(),
                    BlockBootstrap.SEED);
            out.printf(Locale.ROOT, "%-22s %s%n", "valid-output rate", difference(c.validRate()));
            out.printf(Locale.ROOT, "%-22s %s%n", "accuracy on the sign", difference(c.accuracy()));
            out.println(switch (c.verdict()) {
                case WORSE -> "Candidate is WORSE beyond the margin " + c.margin() + ": " + String.join("; ", c.worseBecause());
                case NOT_WORSE -> c.notRuledOut().isEmpty()
                        ? "Candidate is not worse than the current prompt beyond the margin " + c.margin()
                        : "Candidate is not shown worse, but a drop beyond the margin " + c.margin() + " is not ruled out: "
                        + String.join("; ", c.notRuledOut()) + " (more cases narrow the interval)";
                case NO_COMPARISON -> "No comparison: " + String.join("; ", c.notCompared());
            });
        }

        private static String abstentions(PromptScore score) {
            return score.abstentions().isEmpty() ? "none" : PromptEvaluation.categories(score.abstentions());
        }

        private static String hit(HitRate r) {
            return r.rate() == null ? "n/a" : String.format(Locale.ROOT, "%.1f%% [%.1f, %.1f] n=%d", r.rate() * 100,
                    r.lower() * 100, r.upper() * 100, r.total());
        }

        private static String difference(BlockBootstrap.Difference d) {
            if (d.estimate() == null) {
                return "n/a";
            }
            return String.format(Locale.ROOT, "%+.1f points", d.estimate() * 100) + (d.lower() == null ? ""
                    : String.format(Locale.ROOT, " [%+.1f, %+.1f]%s", d.lower() * 100, d.upper() * 100,
                    d.significant() ? " outside noise" : " within noise"));
        }

        private static String pct(double v) {
            return String.format(Locale.ROOT, "%.1f%%", v * 100);
        }

        private static String num(Double v) {
            return v == null ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
        }

        private static void deleteQuietly(Path dir) {
            if (dir == null) {
                return;
            }
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the candidate's temporary directory " + dir, e);
            }
        }
    }

    @Command(name = "suggest", mixinStandardHelpOptions = true,
            description = {"Seed 002's AgentImprover: turns an agent's error patterns and its worst resolved calls into a written "
                    + "suggestion for its prompt, by the configured Ollama chain (--backend ollama) or as a template report. "
                    + "Nothing is applied: edit the prompt file yourself and check it with 'prompts eval'."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.OK + ":written (by the model, or the template's when the model gave no valid suggestion: the "
                    + "heading says which)", ExitCodes.NOT_DONE + ":refused: an agent not on the panel, or the suggestion is to be "
                    + "the model's and no Ollama endpoint or model of the chain answers (nothing is printed on stdout)",
                    ExitCodes.USAGE + " (also bad input)", ExitCodes.DATABASE_UNUSABLE})
    static final class Suggest implements Callable<Integer> {

        /** How the suggestion is written. */
        enum Backend { auto, ollama, template }

        @Spec
        CommandSpec spec;

        @Mixin
        Sources sources = new Sources();

        @Option(names = "--agent", required = true, paramLabel = "A", description = "The agent whose prompt to review.")
        String agent;

        @Option(names = "--worst", paramLabel = "N", defaultValue = "5", description = "How many worst calls to show (default ${DEFAULT-VALUE}).")
        int worst;

        @Option(names = "--backend", paramLabel = "B", defaultValue = "auto",
                description = "ollama, template, or auto: ollama when the agent runs on Ollama, else template (default ${DEFAULT-VALUE}).")
        Backend backend;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                if (worst < 1 || worst > 100) {
                    throw new IllegalArgumentException("--worst must be between 1 and 100, was " + worst);
                }
                QuorumConfig config = sources.config();
                AgentConfig agentConfig = Sources.agent(config, agent);
                PromptTemplate template = new PromptRepository(config.promptsDirectory()).current(agentConfig.prompt());
                PromptSuggestion report = PromptSuggestion.of(sources.open(config), agent, worst);
                boolean llm = backend == Backend.ollama || backend == Backend.auto && agentConfig.backend() == AgentConfig.Backend.OLLAMA;
                // Probed first, as eval does: with no endpoint to ask, the chain's failure would read as a spent budget, and
                // a template written in the model's place would pass for the suggestion that was asked for.
                Optional<String> unusable = llm ? unusable(ModelChains.from(config), "name another under ollama.endpoints in "
                        + "the configuration, or pass --backend template") : Optional.empty();
                if (unusable.isPresent()) {
                    throw new Refusal(ExitCodes.NOT_DONE, unusable.get());
                }
                out.printf(Locale.ROOT, "Prompt suggestion for agent %s (prompt %s@%s, hash %s); nothing is applied%n", agent,
                        template.id(), template.version(), template.contentHash().substring(0, 12));
                out.print(report.facts());
                Optional<String> failure = Optional.empty();
                if (llm) {
                    try (ModelChainClient chain = new ModelChainClient(ModelChains.from(config), Clock.systemUTC())) {
                        var result = LlmSuggestion.ask(chain, ModelChains.budget(config.llmBudget(), Clock.systemUTC()), report,
                                Files.readString(template.source()));
                        if (result instanceof dev.quorum.agents.llm.ChainResult.Answered<LlmSuggestion> answered) {
                            out.println("Suggestion (written by " + answered.telemetry().model() + "):");
                            out.println("  " + answered.value().diagnosis());
                            answered.value().changes().forEach(c -> out.println("  - " + c));
                        } else if (result instanceof dev.quorum.agents.llm.ChainResult.Failed<LlmSuggestion> failed) {
                            failure = Optional.of(failed.reason());
                        }
                    }
                }
                if (!llm || failure.isPresent()) {
                    out.println("Suggestion (template" + failure.map(f -> "; the model gave none: " + f).orElse("") + "):");
                    report.suggestions().forEach(s -> out.println("  - " + s));
                }
                out.println("To try a change: copy " + template.source() + ", edit it, then run: bin/quorum prompts eval"
                        + sources.config.file().map(f -> " --config " + f).orElse("")
                        + (sources.database == null ? "" : " --db " + sources.database) + " --agent " + agent + " --candidate FILE");
                out.flush();
                return ExitCodes.OK;
            } catch (Refusal e) {
                return e.report(spec);
            } catch (IllegalArgumentException | ConfigException | PromptTemplateException e) {
                err.println("quorum prompts suggest: " + e.getMessage());
                err.flush();
                return ExitCodes.OPERATOR_ERROR;
            } catch (IOException e) {
                err.println("quorum prompts suggest: cannot read the agent's prompt file: " + e.getMessage());
                err.flush();
                return ExitCodes.OPERATOR_ERROR;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Prompt versions and hashes stored decisions used, when each was live, and the current files' hashes.",
            exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.DONE, ExitCodes.USAGE, ExitCodes.DATABASE_UNUSABLE})
    static final class ListVersions implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Sources sources = new Sources();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                QuorumConfig config = sources.config();
                QuorumDatabase database = sources.open(config);
                PromptRepository prompts = new PromptRepository(config.promptsDirectory());
                List<List<String>> versions = new ArrayList<>();
                versions.add(List.of("agent", "prompt", "hash", "trade dates", "decided", "signals"));
                for (StoredPrompts.LiveVersion v : new StoredPrompts(database, new DecisionStore(database, config.redis().stream())).versions()) {
                    versions.add(List.of(v.agent(), v.promptId(),
                            v.promptHash().isEmpty() ? "-" : v.promptHash().substring(0, Math.min(12, v.promptHash().length())),
                            v.firstTradeDate() + ".." + v.lastTradeDate(), shortTime(v.firstDecidedAt()) + ".." + shortTime(v.lastDecidedAt()),
                            String.valueOf(v.signals())));
                }
                aligned(versions, true).forEach(out::println);
                out.println();
                out.println("Current prompt files (" + config.promptsDirectory() + "):");
                List<List<String>> files = new ArrayList<>();
                for (AgentConfig agent : config.agents()) {
                    try {
                        PromptTemplate t = prompts.current(agent.prompt());
                        files.add(List.of(agent.name(), t.id() + "@" + t.version(), t.contentHash().substring(0, 12)));
                    } catch (PromptTemplateException e) {
                        files.add(List.of(agent.name(), agent.prompt(), "unusable: " + e.getMessage()));
                    }
                }
                aligned(files, false).forEach(out::println);
                out.flush();
                return ExitCodes.OK;
            } catch (Refusal e) {
                return e.report(spec);
            } catch (IllegalArgumentException | ConfigException e) {
                spec.commandLine().getErr().println("quorum prompts list: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return ExitCodes.OPERATOR_ERROR;
            }
        }

        /**
         * The rows in columns as wide as their widest cell (a prompt id such as {@code rules-sentiment@2} has no
         * fixed length), one space apart; with {@code lastRight} the last column (a count) is right-aligned.
         */
        static List<String> aligned(List<List<String>> rows, boolean lastRight) {
            int columns = rows.stream().mapToInt(List::size).max().orElse(0);
            int[] widths = new int[columns];
            for (List<String> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    widths[i] = Math.max(widths[i], row.get(i).length());
                }
            }
            List<String> lines = new ArrayList<>();
            for (List<String> row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.size(); i++) {
                    boolean last = i == row.size() - 1;
                    String cell = row.get(i);
                    String pad = " ".repeat(widths[i] - cell.length());
                    line.append(i == 0 ? "" : " ").append(last && lastRight ? pad + cell : last ? cell : cell + pad);
                }
                lines.add(line.toString());
            }
            return lines;
        }

        private static String shortTime(String instant) {
            return instant.length() > 19 ? instant.substring(0, 19) : instant;
        }
    }
}
