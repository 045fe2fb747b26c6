package dev.quorum.orchestrator.backtest;

import dev.quorum.agents.prompts.PromptMode;
import dev.quorum.agents.prompts.PromptRepository;
import dev.quorum.agents.prompts.PromptTemplate;
import dev.quorum.agents.prompts.PromptTemplateException;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.memory.store.UnusableDatabaseException;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.config.SynthesisConfig;
import dev.quorum.orchestrator.synthesis.LlmSynthesis;
import dev.quorum.orchestrator.datasync.LiveMarketData;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What makes a backtest one run, and the checks made before a backtest creates anything.
 * <p>
 * A run is defined by the settings that change the decisions stored in its {@code --db}: the tickers, the first
 * session ({@code --from}: sessions before it would be decided after later ones had already been learnt from), the
 * backend, the trust policy, recall, the prompts (live or anonymised, and the text of each prompt an LLM is asked with),
 * the outcome horizon and band, the agent panel, the models (ollama backend) and the consensus, synthesis and review
 * settings. They are recorded in
 * {@code <db>.state/backtest-run.properties} when the run starts; a later invocation on the same {@code --db} with any
 * of them different is refused, naming each. {@code --to} is not part of it (a stopped run resumes to a later end, a
 * shorter one reports the decisions in it), nor are the costs, the report files and the pacing options: they change
 * how the stored decisions are priced and reported, never which decisions are stored, and the report prints them.
 * <p>
 * A run that reached its end resolved its last decisions with the sessions after {@code --to}, to score them, and its
 * learning took those outcomes in. Carried on to a later end it would decide the sessions right after the old end with
 * outcomes from their future, so that is refused: the record keeps the end and how far its outcomes were resolved.
 * <p>
 * A database holding decisions without that record was not made by a backtest (a service's, another tool's, or a
 * backtest from before runs were recorded): it is refused as unusable, unchanged, as the backtest would otherwise mix
 * its decisions, outcomes and trust weights with decisions it did not make.
 */
final class BacktestRun {

    /** The file, in the backtest's state directory, that records the run's settings. */
    static final String FILE = "backtest-run.properties";
    /** The {@code --to} of the last invocation that walked to its end (absent while the run never did). */
    private static final String FINISHED_AT = "finished --to";
    /** The last session whose prices scored the finished run's decisions, after its {@code --to}. */
    private static final String RESOLVED_THROUGH = "finished, outcomes resolved through";

    private BacktestRun() {
    }

    /** The settings that define the run, by the option or configuration key that sets each, in the order reported. */
    static Map<String, String> settingsOf(QuorumConfig config, BacktestSettings settings, BacktestConfig.Backend backend,
                                          PromptMode promptMode) {
        Map<String, String> run = new LinkedHashMap<>();
        run.put("--tickers", settings.tickers().stream().sorted().collect(Collectors.joining(",")));
        run.put("--from", settings.from().toString());
        run.put("--backend", backend.name().toLowerCase(Locale.ROOT));
        run.put("--policy", config.trust().policy().configName());
        run.put("--recall", config.memory().recallK() == 0 ? "off" : "on (recall_k " + config.memory().recallK() + ")");
        run.put("--anonymise", promptMode == PromptMode.ANONYMISED ? "on" : "off");
        run.put("outcome.horizon_sessions", String.valueOf(config.outcome().horizonSessions()));
        run.put("outcome.epsilon", String.valueOf(config.outcome().epsilon()));
        run.put("agents", config.agents().stream().map(a -> backend == BacktestConfig.Backend.RULES ? a.name()
                : a.name() + " (prompt " + a.prompt() + ")").collect(Collectors.joining(", ")));
        if (backend == BacktestConfig.Backend.OLLAMA) {
            run.put("ollama.chain", config.ollama().chain().stream().map(link -> link.model()).collect(Collectors.joining(", ")));
        }
        llmPrompts(config, backend).forEach(id -> run.put("prompt " + id, promptText(config, id)));
        run.put("consensus", config.consensus().toString());
        run.put("synthesis", config.synthesis().toString());
        run.put("review", config.review().toString());
        return run;
    }

    /** The prompts an LLM is asked with: the agents' on the ollama backend, and the synthesis's when it is on ollama. */
    private static Set<String> llmPrompts(QuorumConfig config, BacktestConfig.Backend backend) {
        Set<String> ids = new TreeSet<>();
        if (backend == BacktestConfig.Backend.OLLAMA) {
            config.agents().forEach(agent -> ids.add(agent.prompt()));
        }
        if (config.synthesis().backend() == SynthesisConfig.Backend.OLLAMA) {
            ids.add(LlmSynthesis.PROMPT_ID);
        }
        return ids;
    }

    /**
     * Which text of the prompt: its id and version, and the start of its content hash. A quant who edits a prompt
     * between two invocations on one {@code --db} makes another run, even when the version header was not bumped: a
     * resume would otherwise report one figure over decisions asked with two texts.
     */
    private static String promptText(QuorumConfig config, String id) {
        try {
            PromptTemplate template = new PromptRepository(config.promptsDirectory()).current(id);
            return template.promptId() + " " + template.contentHash().substring(0, 12);
        } catch (PromptTemplateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Everything that would refuse the run after it started, checked before any file is created: the market data
     * directory, each ticker's prices, a session in [from, to], a {@code --db} that can be a database, and one that
     * holds no decisions of another run or of no backtest.
     *
     * @return the record to {@linkplain #record write} once the run holds its database: the settings asked, and how far
     *         the stored run was finished when the database holds it
     * @throws IllegalArgumentException  an input or setting the operator fixes (exit 2)
     * @throws UnusableDatabaseException the {@code --db} cannot hold this backtest (exit 3); it is left as it was
     */
    static Map<String, String> refuseBeforeStart(QuorumConfig config, BacktestSettings settings, Map<String, String> asked) {
        LiveMarketData market = LiveMarketData.open(config.marketDataDirectory(), config.market().maxFileBytes());
        QuorumRuntime.tickersWithoutData(market, settings.tickers()).ifPresent(missing -> {
            throw new IllegalArgumentException(missing);
        });
        WalkForward.sessions(market, settings.from(), settings.to());
        Path database = settings.database().toAbsolutePath().normalize();
        QuorumDatabase.refuseUnopenable(database);
        Path record = settings.stateDirectory().resolve(FILE);
        Optional<String> held = decisionsHeld(database);
        if (held.isEmpty()) {
            // A new run (or one whose database was deleted without its state directory): the asked settings define it.
            return asked;
        }
        if (!Files.isRegularFile(record)) {
            throw new UnusableDatabaseException(database, "holds " + held.get() + " that no backtest recorded as its own (no "
                    + record + "): a service's database, another tool's, or a backtest from before runs were recorded;"
                    + " give this backtest its own --db (nothing changed)");
        }
        Map<String, String> stored = read(record);
        List<String> differences = new ArrayList<>();
        asked.forEach((setting, value) -> {
            String was = stored.get(setting);
            if (!value.equals(was)) {
                differences.add(setting + " stored " + (was == null ? "(none)" : was) + ", asked " + value);
            }
        });
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException(database + " holds a backtest run with other settings (" + held.get() + "): "
                    + String.join("; ", differences) + "; resume it with its settings or give this run another --db (nothing changed)");
        }
        if (!stored.containsKey(FINISHED_AT)) {
            return asked;
        }
        LocalDate end = LocalDate.parse(stored.get(FINISHED_AT));
        LocalDate resolved = LocalDate.parse(stored.get(RESOLVED_THROUGH));
        if (settings.to().isAfter(end) && resolved.isAfter(end)) {
            throw new IllegalArgumentException(database + " holds a run that ended at " + end + " and scored its last decisions"
                    + " with the sessions through " + resolved + ", which its learning took in: carried on to " + settings.to()
                    + " it would decide the sessions after " + end + " with outcomes from their future; run the whole window"
                    + " in a new --db (nothing changed)");
        }
        // The same run resumed: how far it was finished stays true of its database.
        Map<String, String> resumed = new LinkedHashMap<>(asked);
        resumed.put(FINISHED_AT, stored.get(FINISHED_AT));
        resumed.put(RESOLVED_THROUGH, stored.get(RESOLVED_THROUGH));
        return resumed;
    }

    /**
     * Records that the run walked to {@code to} and resolved its last decisions through {@code resolvedThrough}: a
     * later invocation may report a window ending by then, not carry the run on past {@code to}.
     */
    static void recordFinished(BacktestSettings settings, LocalDate to, LocalDate resolvedThrough) {
        Map<String, String> run = read(settings.stateDirectory().resolve(FILE));
        // A shorter window reported again keeps the furthest end reached (ISO dates order as text).
        run.merge(FINISHED_AT, to.toString(), BacktestRun::later);
        run.merge(RESOLVED_THROUGH, resolvedThrough.toString(), BacktestRun::later);
        record(settings, run);
    }

    private static String later(String date, String other) {
        return date.compareTo(other) >= 0 ? date : other;
    }

    /**
     * Records the run beside its database: what {@link #refuseBeforeStart} returned, once this process is the
     * database's one writer (on a database without decisions it replaces the record of one deleted without its state
     * directory).
     */
    static void record(BacktestSettings settings, Map<String, String> run) {
        Path record = settings.stateDirectory().resolve(FILE);
        Properties properties = new Properties();
        properties.putAll(run);
        try {
            Files.createDirectories(record.getParent());
            Path written = record.resolveSibling(FILE + ".new");
            try (Writer writer = Files.newBufferedWriter(written, StandardCharsets.UTF_8)) {
                properties.store(writer, "The settings that define the backtest run in " + settings.database().getFileName()
                        + "; a run with other settings is refused on this database");
            }
            Files.move(written, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the backtest's settings in " + record, e);
        }
    }

    private static Map<String, String> read(Path record) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(record, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the backtest's settings in " + record, e);
        }
        Map<String, String> stored = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> stored.put(name, properties.getProperty(name)));
        return stored;
    }

    /**
     * What decisions the file holds, as one phrase ("12 decisions (AAPL, MSFT 2024-06-03..2024-06-05)"), empty when none
     * or the file is new. Read on a read-only connection, without the migrations {@link QuorumDatabase#open} would apply:
     * a database that is refused stays byte for byte as it was.
     */
    private static Optional<String> decisionsHeld(Path database) {
        if (!Files.exists(database)) {
            return Optional.empty();
        }
        try {
            if (Files.size(database) == 0) {
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new UnusableDatabaseException(database, "cannot be read: " + e.getMessage(), e);
        }
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        // Without a write-ahead log beside it no process is writing the file: read it as immutable, which creates no
        // -wal and -shm files beside a database that is then refused (a read-only connection to a WAL database would,
        // and leave them). With one, the log holds committed rows the file may not have yet: read through it.
        String url = Files.exists(database.resolveSibling(database.getFileName() + "-wal"))
                ? "jdbc:sqlite:" + database : "jdbc:sqlite:" + database.toUri() + "?immutable=1";
        try (Connection connection = DriverManager.getConnection(url, readOnly.toProperties());
             Statement statement = connection.createStatement()) {
            try (ResultSet table = statement.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'decisions'")) {
                if (!table.next()) {
                    return Optional.empty();
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*), GROUP_CONCAT(DISTINCT ticker), MIN(trade_date), MAX(trade_date) FROM decisions")) {
                long count = rs.getLong(1);
                if (count == 0) {
                    return Optional.empty();
                }
                String tickers = String.join(", ", new java.util.TreeSet<>(List.of(rs.getString(2).split(","))));
                return Optional.of(count + " decision" + (count == 1 ? "" : "s") + " (" + tickers + " " + rs.getString(3) + ".."
                        + rs.getString(4) + ")");
            }
        } catch (SQLException e) {
            throw new UnusableDatabaseException(database, "cannot be read: " + e.getMessage(), e);
        }
    }
}
