package dev.quorum.orchestrator.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    private static final Path EXAMPLE = ProjectPaths.root().resolve("config/quorum.example.yaml");

    @TempDir
    Path dir;

    private QuorumConfig load(String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("quorum.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader(env).from(Optional.of(file));
    }

    private ConfigException failure(String yaml, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> load(yaml, env));
    }

    @Test
    void should_run_on_embedded_defaults_with_no_file() {
        QuorumConfig config = new ConfigLoader(Map.of()).from(Optional.empty());
        assertEquals("127.0.0.1", config.http().bind());
        assertEquals(4, config.agents().size());
        assertEquals(AgentConfig.Backend.RULES, config.agents().get(0).backend());
        assertEquals(Path.of("var", "quorum.db"), config.sqliteFile());
        assertTrue(config.http().bearerToken().isEmpty());
    }

    @Test
    void should_load_the_example_file_to_the_same_configuration_as_the_defaults() {
        QuorumConfig example = new ConfigLoader(Map.of()).from(Optional.of(EXAMPLE));
        assertEquals(new ConfigLoader(Map.of()).from(Optional.empty()), example);
    }

    @Test
    void should_document_every_known_key_in_the_example_file() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode example = yaml.readTree(EXAMPLE.toFile());
        JsonNode defaults;
        try (InputStream in = ConfigLoader.class.getResourceAsStream("defaults.yaml")) {
            defaults = yaml.readTree(in);
        }
        assertEquals(keys(defaults, ""), keys(example, ""));
        String text = Files.readString(EXAMPLE);
        for (String key : keys(defaults, "")) {
            String leaf = key.substring(key.lastIndexOf('.') + 1);
            assertTrue(text.contains("# ") && text.contains(leaf), "example does not mention " + key);
        }
    }

    private static TreeSet<String> keys(JsonNode node, String prefix) {
        TreeSet<String> keys = new TreeSet<>();
        node.fields().forEachRemaining(e -> {
            keys.add(prefix + e.getKey());
            if (e.getValue().isObject()) {
                keys.addAll(keys(e.getValue(), prefix + e.getKey() + "."));
            }
        });
        return keys;
    }

    @Test
    void should_merge_the_file_over_the_defaults_key_by_key() throws IOException {
        QuorumConfig config = load("http:\n  port: 9000\nschedule:\n  kind: interval\n  every_seconds: 30\n", Map.of());
        assertEquals(9000, config.http().port());
        assertEquals("127.0.0.1", config.http().bind());
        assertEquals(ScheduleConfig.Kind.INTERVAL, config.schedule().kind());
        assertEquals(30, config.schedule().everySeconds());
    }

    @Test
    void should_let_the_environment_override_the_file() throws IOException {
        QuorumConfig config = load("http:\n  port: 9000\n", Map.of(
                "QUORUM_HTTP_PORT", "9091",
                "QUORUM_WATCHLIST", "NVDA, AAPL",
                "QUORUM_MEMORY_RECALL_K", "7",
                "QUORUM_MEMORY_RECALL_SAME_TICKER", "true",
                "QUORUM_CONSENSUS_GUARD_THRESHOLD", "0.8",
                "QUORUM_JAVA_OPTS", "-Xmx1g",
                "PATH", "/usr/bin"));
        assertEquals(9091, config.http().port());
        assertEquals(List.of("NVDA", "AAPL"), config.watchlist());
        assertEquals(7, config.memory().recallK());
        assertTrue(config.memory().recallSameTicker());
        assertEquals(0.8, config.consensus().guardThreshold());
    }

    @Test
    void should_refuse_an_empty_item_of_a_list_variable_and_read_its_booleans_in_any_case() throws IOException {
        ConfigException gap = failure("", Map.of("QUORUM_WATCHLIST", "AAPL,,NVDA"));
        assertEquals("watchlist", gap.key());
        assertTrue(gap.getMessage().contains("item 2 of 'AAPL,,NVDA' is empty (set by environment variable QUORUM_WATCHLIST)"), gap.getMessage());
        assertEquals("watchlist", failure("", Map.of("QUORUM_WATCHLIST", "AAPL,NVDA,")).key());
        assertTrue(load("", Map.of("QUORUM_MEMORY_RECALL_SAME_TICKER", "TRUE")).memory().recallSameTicker());
        assertEquals("memory.recall_same_ticker", failure("", Map.of("QUORUM_MEMORY_RECALL_SAME_TICKER", "yes")).key());
    }

    @Test
    void should_refuse_an_unknown_key_naming_it_and_the_file() {
        ConfigException e = failure("redis:\n  urll: redis://127.0.0.1:6379/0\n", Map.of());
        assertEquals("redis.urll", e.key());
        assertTrue(e.getMessage().contains("is not a known setting"), e.getMessage());
        assertTrue(e.getMessage().contains("quorum.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("url"), e.getMessage());
    }

    @Test
    void should_refuse_an_unknown_key_inside_a_list_entry() {
        ConfigException e = failure("agents:\n  - {name: technical, domain: d, backend: rules, fallbak: none}\n", Map.of());
        assertEquals("agents[0].fallbak", e.key());
    }

    @Test
    void should_refuse_an_unknown_quorum_environment_variable() {
        ConfigException e = failure("", Map.of("QUORUM_HTTP_PROT", "9000"));
        assertEquals("QUORUM_HTTP_PROT", e.key());
        // The nearest name and where the full list is; not a hundred names to search by eye.
        assertEquals("configuration key 'QUORUM_HTTP_PROT': is not a Quorum setting; did you mean QUORUM_HTTP_PORT? (every key"
                + " of config/quorum.example.yaml is QUORUM_ and its path in capitals, dots as underscores; README \"Configuration\")",
                e.getMessage());
        ConfigException far = failure("", Map.of("QUORUM_ZZZZZZZZZZZZ", "1"));
        assertEquals("configuration key 'QUORUM_ZZZZZZZZZZZZ': is not a Quorum setting (every key of config/quorum.example.yaml"
                + " is QUORUM_ and its path in capitals, dots as underscores; README \"Configuration\")", far.getMessage());
    }

    @Test
    void should_refuse_an_out_of_range_value_naming_the_key_and_where_it_was_set() {
        ConfigException e = failure("http:\n  port: 70000\n", Map.of());
        assertEquals("http.port", e.key());
        assertTrue(e.getMessage().contains("between 0 and 65535, was 70000"), e.getMessage());
        assertTrue(e.getMessage().contains("file "), e.getMessage());

        ConfigException fromEnv = failure("", Map.of("QUORUM_BUDGET_MAX_LLM_CALLS", "0"));
        assertEquals("budget.max_llm_calls", fromEnv.key());
        assertTrue(fromEnv.getMessage().contains("environment variable QUORUM_BUDGET_MAX_LLM_CALLS"), fromEnv.getMessage());
    }

    @Test
    void should_refuse_a_backoff_jitter_outside_zero_to_one_naming_the_key() throws IOException {
        for (String jitter : List.of("1.0", "1", "-0.1", "2.5")) {
            ConfigException e = failure("resilience:\n  backoff_jitter: " + jitter + "\n", Map.of());
            assertEquals("resilience.backoff_jitter", e.key(), jitter);
            assertTrue(e.getMessage().contains("resilience.backoff_jitter"), e.getMessage());
        }
        assertTrue(failure("resilience:\n  backoff_jitter: 1\n", Map.of()).getMessage().contains("must be below 1"));
        assertEquals(0.0, load("resilience:\n  backoff_jitter: 0\n", Map.of()).resilience().backoffJitter());
        assertEquals(0.99, load("resilience:\n  backoff_jitter: 0.99\n", Map.of()).resilience().backoffJitter());
    }

    @Test
    void should_refuse_a_value_of_the_wrong_type() {
        ConfigException e = failure("budget:\n  max_llm_calls: many\n", Map.of());
        assertEquals("budget.max_llm_calls", e.key());
        assertTrue(e.getMessage().contains("whole number") && e.getMessage().contains("many"), e.getMessage());

        ConfigException env = failure("", Map.of("QUORUM_HTTP_PORT", "eighty"));
        assertEquals("http.port", env.key());
    }

    @Test
    void should_name_the_key_of_a_number_too_large_for_it() {
        // The parser's overflow error named no key: "configuration cannot be read: Numeric value (...) out of range of int".
        ConfigException port = failure("http:\n  port: 99999999999999\n", Map.of());
        assertEquals("http.port", port.key(), port.getMessage());
        assertTrue(port.getMessage().contains("got '99999999999999', which is out of range"), port.getMessage());
        ConfigException parallel = failure("ollama:\n  endpoints:\n    - {name: a, url: \"http://10.0.0.1:11434\", parallel: 3000000000}\n",
                Map.of());
        assertEquals("ollama.endpoints[0].parallel", parallel.key(), parallel.getMessage());
        assertEquals("http.port", failure("", Map.of("QUORUM_HTTP_PORT", "99999999999")).key());
    }

    @Test
    void should_read_unquoted_on_no_yes_off_as_words_not_booleans() throws IOException {
        // YAML 1.1 made ON Semiconductor's ticker 'true' and `redecide: yes` a silent true.
        assertEquals(List.of("ON", "AAPL", "NO"), load("watchlist: [ON, AAPL, NO]\n", Map.of()).watchlist());
        ConfigException yes = failure("decisions:\n  redecide: yes\n", Map.of());
        assertEquals("decisions.redecide", yes.key());
        assertTrue(yes.getMessage().contains("'yes'"), yes.getMessage());
        assertEquals(true, load("decisions:\n  redecide: true\n", Map.of()).decisions().redecide());
    }

    @Test
    void should_refuse_an_unknown_choice_listing_the_allowed_ones() throws IOException {
        ConfigException e = failure("trust:\n  policy: vibes\n", Map.of());
        assertEquals("trust.policy", e.key());
        assertTrue(e.getMessage().contains("outcome-ema|win-rate|consensus-agreement"), e.getMessage());
        ConfigException pooling = failure("consensus:\n  pooling: loudest\n", Map.of());
        assertEquals("consensus.pooling", pooling.key());
        assertTrue(pooling.getMessage().contains("calibrated|stated"), pooling.getMessage());
        assertEquals(dev.quorum.orchestrator.consensus.Pooling.CALIBRATED, load("", Map.of()).consensus().pooling(), "the default");
    }

    @Test
    void should_refuse_cross_field_mistakes() throws Exception {
        assertEquals("consensus.quorum", failure("consensus:\n  quorum: 5\n", Map.of()).key());
        assertEquals("ollama.chain", failure("ollama:\n  chain:\n    - {endpoint: gpu, model: m}\n", Map.of()).key());
        assertEquals("agents", failure("agents:\n  - {name: a, domain: d, backend: rules}\n  - {name: a, domain: e, backend: rules}\n"
                + "consensus:\n  quorum: 1\n", Map.of()).key());
        assertEquals("schedule.zone", failure("schedule:\n  zone: Mars/Olympus\n", Map.of()).key());
        assertEquals("schedule.at", failure("schedule:\n  at: \"25:00\"\n", Map.of()).key());
        ConfigException morning = failure("schedule:\n  at: \"09:00\"\n", Map.of());
        assertEquals("schedule.at", morning.key());
        assertTrue(morning.getMessage().contains("'09:00' in America/New_York is 09:00 in New York (January): a daily cycle"
                + " must run after the New York close (16:00) on the same day"), morning.getMessage());
        // 20:30 UTC is 16:30 in New York in July but 15:30 in January, before the close.
        assertTrue(failure("schedule:\n  at: \"20:30\"\n  zone: UTC\n", Map.of()).getMessage()
                .contains("'20:30' in UTC is 15:30 in New York (January)"));
        // Tokyo's morning is New York's evening the day before: that day's calendar would fire it.
        assertTrue(failure("schedule:\n  at: \"07:15\"\n  zone: Asia/Tokyo\n", Map.of()).getMessage()
                .contains("is 17:15 the day before in New York"));
        assertEquals("22:00", load("schedule:\n  at: \"22:00\"\n  zone: UTC\n", Map.of()).schedule().at(),
                "17:00 or 18:00 in New York, after the close all year");
        assertEquals("09:00", load("schedule:\n  kind: interval\n  at: \"09:00\"\n", Map.of()).schedule().at(),
                "an interval schedule has no daily time to check");
        assertEquals("watchlist", failure("watchlist: [nvda]\n", Map.of()).key());
        assertEquals("review.risk_agent", failure("review:\n  risk_agent: auditor\n", Map.of()).key());
        ConfigException breaker = failure("resilience:\n  breaker_window_calls: 4\n  breaker_minimum_calls: 5\n", Map.of());
        assertEquals("resilience.breaker_minimum_calls", breaker.key());
        assertTrue(breaker.getMessage().contains("more than breaker_window_calls (4)"), breaker.getMessage());
    }

    @Test
    void should_validate_the_scale_out_settings_and_take_a_worker_name_from_the_environment() throws IOException {
        assertEquals("gpu-7", load("", Map.of("QUORUM_SCALE_CONSUMER", "gpu-7")).scale().consumer());
        ConfigException untagged = failure("scale:\n  job_stream: quorum-jobs\n", Map.of());
        assertEquals("scale.job_stream", untagged.key());
        assertTrue(untagged.getMessage().contains("hash tag"), untagged.getMessage());
        ConfigException tooEager = failure("budget:\n  max_wall_seconds: 300\nscale:\n  reclaim_idle_seconds: 300\n", Map.of());
        assertEquals("scale.reclaim_idle_seconds", tooEager.key());
        assertTrue(tooEager.getMessage().contains("budget.max_wall_seconds"), tooEager.getMessage());
        assertEquals(true, load("decisions:\n  redecide: true\n", Map.of()).decisions().redecide());
    }

    @Test
    void should_refuse_malformed_yaml_in_one_line_naming_the_file_line_and_column() {
        // SnakeYAML's own message is six lines ending in a caret under the spot.
        ConfigException bracket = failure("watchlist: [AAPL\n", Map.of());
        assertEquals("configuration file " + dir.resolve("quorum.yaml") + " line 2, column 1: expected ',' or ']', but got"
                + " <stream end> (while parsing a flow sequence that starts at line 1, column 12)", bracket.getMessage());
        ConfigException tab = failure("http:\n\tport: 9000\n", Map.of());
        assertEquals("configuration file " + dir.resolve("quorum.yaml") + " line 2, column 1: a tab character, which YAML does"
                + " not allow in indentation (indent with spaces)", tab.getMessage());
    }

    @Test
    void should_say_a_list_was_written_where_a_mapping_belongs() {
        ConfigException e = failure("http: [1]\n", Map.of());
        assertEquals("configuration key 'http': expected a mapping (key: value lines), got a list (set by file "
                + dir.resolve("quorum.yaml") + ")", e.getMessage());
    }

    @Test
    void should_suggest_the_closest_key_for_a_misspelt_one() {
        ConfigException top = failure("watchlist: [AAPL]\nparalel_tickers: 2\n", Map.of());
        assertTrue(top.getMessage().contains("; did you mean parallel_tickers? known here: agents,"), top.getMessage());
        // A typo in a list entry is the cause of the "domain is required" that Jackson meets first.
        ConfigException entry = failure("agents:\n  - {name: technical, domian: trend-momentum, backend: rules}\n", Map.of());
        assertEquals("agents[0].domian", entry.key());
        assertTrue(entry.getMessage().contains("is not a known setting (set by file " + dir.resolve("quorum.yaml")
                + "); did you mean domain?"), entry.getMessage());
    }

    @Test
    void should_name_the_command_line_option_that_set_a_bad_value() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of("QUORUM_HTTP_PORT", "9000"))
                .from(Optional.empty(), List.of(new ConfigLoader.OptionSetting("trust.policy", "foo", "--policy"))));
        assertEquals("trust.policy", e.key());
        assertTrue(e.getMessage().endsWith("(set by option --policy)"), e.getMessage());
        // The option wins over the environment, which names the variable as before.
        QuorumConfig config = new ConfigLoader(Map.of("QUORUM_HTTP_PORT", "9000")).from(Optional.empty(),
                List.of(new ConfigLoader.OptionSetting("http.port", "9100", "--port")));
        assertEquals(9100, config.http().port());
    }

    @Test
    void should_refuse_a_missing_file_by_name() {
        Path missing = dir.resolve("nope.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).from(Optional.of(missing)));
        assertTrue(e.getMessage().contains("nope.yaml") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void should_refuse_a_token_written_in_the_yaml() {
        ConfigException e = failure("http:\n  token: abcdefghijklmnopqrstuvwxyz\n", Map.of());
        assertEquals("http.token", e.key());
        assertTrue(e.getMessage().contains("QUORUM_HTTP_TOKEN"), e.getMessage());
        assertFalse(e.getMessage().contains("abcdefghijklmnop"), "the secret must not be echoed");
    }

    @Test
    void should_refuse_a_redis_password_in_the_yaml_without_echoing_it() {
        ConfigException e = failure("redis:\n  url: redis://default:hunter2secret@10.0.0.5:6379/0\n", Map.of());
        assertEquals("redis.url", e.key());
        assertFalse(e.getMessage().contains("hunter2secret"), e.getMessage());
    }

    @Test
    void should_refuse_a_password_in_a_sentinel_or_cluster_url_in_the_yaml_too() {
        for (String url : List.of("redis-cluster://:hunter2secret@10.0.0.5:7000,10.0.0.6:7000",
                "redis-sentinel://quorum:hunter2secret@s1:26379,s2:26379/orders/0")) {
            ConfigException e = failure("redis:\n  url: " + url + "\n", Map.of());
            assertEquals("redis.url", e.key(), url);
            assertFalse(e.getMessage().contains("hunter2secret"), e.getMessage());
        }
    }

    @Test
    void should_accept_sentinel_and_cluster_urls_and_name_the_setting_when_one_is_wrong() throws IOException {
        assertEquals("redis-sentinel://s1:26379,s2:26379/orders/1",
                load("redis:\n  url: redis-sentinel://s1:26379,s2:26379/orders/1\n", Map.of()).redis().url());
        assertEquals("redis-cluster://10.0.0.5:7000,10.0.0.6:7000",
                load("", Map.of("QUORUM_REDIS_URL", "redis-cluster://10.0.0.5:7000,10.0.0.6:7000")).redis().url());
        ConfigException e = failure("redis:\n  url: redis-cluster://10.0.0.5:7000/2\n", Map.of());
        assertEquals("redis.url", e.key());
        assertTrue(e.getMessage().contains("database 0 only"), e.getMessage());
    }

    @Test
    void should_refuse_a_password_in_an_ollama_or_chroma_url_without_echoing_it() {
        ConfigException ollama = failure("ollama:\n  endpoints:\n    - {name: gpu1, url: \"http://bob:hunter2secret@10.0.0.11:11434\","
                + " parallel: 2}\n", Map.of());
        assertEquals("ollama.endpoints[0].url", ollama.key());
        assertTrue(ollama.getMessage().contains("must not carry a user name or password"), ollama.getMessage());
        assertFalse(ollama.getMessage().contains("hunter2secret"), ollama.getMessage());
        ConfigException chroma = failure("memory:\n  recall_store: chroma\n", Map.of("QUORUM_MEMORY_CHROMA_URL",
                "http://bob:hunter2secret@10.0.0.5:8000"));
        assertEquals("memory.chroma_url", chroma.key());
        assertFalse(chroma.getMessage().contains("hunter2secret"), chroma.getMessage());
    }

    @Test
    void should_not_echo_the_password_of_a_url_refused_for_another_reason() {
        // A host with an underscore (a Compose service name), another scheme, a space: each used to be shown whole.
        for (String url : List.of("http://bob:hunter2secret@ollama_gpu:11434", "ftp://bob:hunter2secret@10.0.0.11:11434",
                "http://bob:hunter2 secret@10.0.0.11:11434")) {
            ConfigException ollama = failure("ollama:\n  endpoints:\n    - {name: gpu1, url: \"" + url + "\", parallel: 2}\n", Map.of());
            assertEquals("ollama.endpoints[0].url", ollama.key(), ollama.getMessage());
            assertFalse(ollama.getMessage().contains("hunter2"), ollama.getMessage());
            ConfigException chroma = failure("memory:\n  recall_store: chroma\n", Map.of("QUORUM_MEMORY_CHROMA_URL", url));
            assertEquals("memory.chroma_url", chroma.key(), chroma.getMessage());
            assertFalse(chroma.getMessage().contains("hunter2"), chroma.getMessage());
        }
    }

    @Test
    void should_keep_the_defaults_of_a_section_left_empty_and_let_a_variable_set_a_key_in_it() throws IOException {
        // The keys commented out, the Redis URL with its password in the credentials file or the environment.
        QuorumConfig config = load("redis:\n  # url: set by QUORUM_REDIS_URL\nhttp:\n",
                Map.of("QUORUM_REDIS_URL", "redis://default:hunter2secret@10.0.0.5:6379/0"));
        assertEquals("redis://default:hunter2secret@10.0.0.5:6379/0", config.redis().url());
        assertEquals(8088, config.http().port().intValue(), "the section's defaults stay");
        assertEquals("maf:arena:trading_intelligence:output", config.redis().stream());
    }

    @Test
    void should_take_secrets_from_the_environment_and_never_print_them() throws IOException {
        QuorumConfig config = load("", Map.of("QUORUM_HTTP_TOKEN", "0123456789abcdef0123",
                "QUORUM_REDIS_URL", "redis://default:hunter2secret@10.0.0.5:6379/0"));
        assertEquals("0123456789abcdef0123", config.http().bearerToken().orElseThrow());
        assertEquals("redis://default:hunter2secret@10.0.0.5:6379/0", config.redis().url());
        assertFalse(config.toString().contains("hunter2secret"), config.toString());
        assertFalse(config.toString().contains("0123456789abcdef0123"), config.toString());
    }

    @Test
    void should_read_secrets_from_a_private_credentials_file_with_the_environment_winning() throws IOException {
        Path credentials = dir.resolve("credentials");
        Files.writeString(credentials, "# secrets\nQUORUM_HTTP_TOKEN=fromfile-0123456789\nQUORUM_REDIS_URL=redis://:pw@127.0.0.1:6390/1\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        QuorumConfig config = load("credentials_file: " + credentials + "\n",
                Map.of("QUORUM_REDIS_URL", "redis://127.0.0.1:6391/0"));
        assertEquals("fromfile-0123456789", config.http().token());
        assertEquals("redis://127.0.0.1:6391/0", config.redis().url());
    }

    @Test
    void should_pick_up_the_systemd_credential() throws IOException {
        Path credentials = dir.resolve("quorum");
        Files.writeString(credentials, "QUORUM_HTTP_TOKEN=systemd-0123456789\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("r--------"));
        QuorumConfig config = new ConfigLoader(Map.of("CREDENTIALS_DIRECTORY", dir.toString())).from(Optional.empty());
        assertEquals("systemd-0123456789", config.http().token());
    }

    @Test
    void should_refuse_a_world_readable_or_foreign_credentials_file() throws IOException {
        Path credentials = dir.resolve("credentials");
        Files.writeString(credentials, "QUORUM_HTTP_TOKEN=fromfile-0123456789\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-r--r--"));
        ConfigException readable = failure("", Map.of("QUORUM_CREDENTIALS_FILE", credentials.toString()));
        assertTrue(readable.getMessage().contains("chmod 600"), readable.getMessage());

        Files.writeString(credentials, "QUORUM_HTTP_PORT=9000\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        ConfigException foreign = failure("", Map.of("QUORUM_CREDENTIALS_FILE", credentials.toString()));
        assertTrue(foreign.getMessage().contains("line 1") && foreign.getMessage().contains("QUORUM_HTTP_PORT"), foreign.getMessage());
    }

    @Test
    void should_say_a_missing_credentials_file_does_not_exist() {
        Path absent = dir.resolve("absent-credentials");
        ConfigException e = failure("credentials_file: " + absent + "\n", Map.of());
        assertEquals("configuration key 'credentials_file': " + absent + " does not exist", e.getMessage());
    }

    @Test
    void should_refuse_an_empty_credentials_file_setting_or_a_directory_saying_what_is_expected() {
        // Path.of("") is the working directory: the message was "'credentials_file':  is readable by every user".
        ConfigException blank = failure("", Map.of("QUORUM_CREDENTIALS_FILE", ""));
        assertEquals("configuration key 'credentials_file': expected the path of a KEY=VALUE file, got '' (set by environment"
                + " variable QUORUM_CREDENTIALS_FILE)", blank.getMessage());
        ConfigException directory = failure("credentials_file: " + dir + "\n", Map.of());
        assertEquals("configuration key 'credentials_file': " + dir + " is a directory; expected a KEY=VALUE file", directory.getMessage());
    }

    @Test
    void should_not_repeat_a_credentials_line_that_is_a_secret_rather_than_a_name() throws IOException {
        ConfigException e = refusedCredentials("redis://:hunter2=secret@10.0.0.5:6379/0");
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("line 1: the name before '=' is not a secret Quorum reads"), e.getMessage());
    }

    @Test
    void should_not_repeat_a_bare_base64_secret_whose_padding_reads_as_a_name_but_name_a_misspelt_variable() throws IOException {
        // openssl rand -base64 32 pasted without its name: letters and digits, then the '=' of the padding.
        ConfigException bare = refusedCredentials("q3Jx8lZ0cWv9RkT2bN5mY7hP1sD4fG6jK8lZ0cWv9Rk=");
        assertFalse(bare.getMessage().contains("q3Jx8lZ0"), bare.getMessage());
        assertTrue(bare.getMessage().contains("line 1: the name before '=' is not a secret Quorum reads"), bare.getMessage());

        ConfigException misspelt = refusedCredentials("QUORUM_HTTP_TOKN=0123456789abcdef0123");
        assertTrue(misspelt.getMessage().contains("line 1: 'QUORUM_HTTP_TOKN' is not a secret Quorum reads"), misspelt.getMessage());
    }

    /** The refusal of a credentials file (0600) holding this one line. */
    private ConfigException refusedCredentials(String line) throws IOException {
        Path credentials = dir.resolve("credentials");
        Files.writeString(credentials, line + "\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        return failure("credentials_file: " + credentials + "\n", Map.of());
    }

    @Test
    void should_refuse_a_short_token() {
        ConfigException e = failure("", Map.of("QUORUM_HTTP_TOKEN", "short"));
        assertEquals("http.token", e.key());
    }

    @Test
    void should_refuse_a_key_written_twice_naming_both_lines() {
        // The careless edit: a second http section pasted at the end of the file, and a port written twice.
        ConfigException section = failure("http:\n  port: 9000\n\nwatchlist: [NVDA]\n# later, someone adds\nhttp:\n  bind: 0.0.0.0\n", Map.of());
        assertTrue(section.getMessage().contains("key 'http' is set twice, on line 1 and line 6"), section.getMessage());
        ConfigException nested = failure("watchlist: [NVDA]\nhttp:\n  port: 9000\n  bind: 127.0.0.1\n  port: 9001\nredis:\n  port: 1\n", Map.of());
        assertTrue(nested.getMessage().contains("key 'port' is set twice, on line 3 and line 5"), nested.getMessage());
        ConfigException flow = failure("http: {port: 9000, port: 9001}\n", Map.of());
        assertTrue(flow.getMessage().contains("key 'port' is set twice, on line 1 and line 1"), flow.getMessage());
    }

    @Test
    void should_say_in_one_line_that_an_empty_file_runs_on_the_defaults() throws IOException {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ConfigLoader.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs = new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            QuorumConfig config = load("# nothing here yet\n", Map.of());
            assertEquals(new ConfigLoader(Map.of()).from(Optional.empty()), config);
            assertEquals(1, logs.list.size(), logs.list.toString());
            assertTrue(logs.list.get(0).getFormattedMessage().matches("configuration file .*quorum.yaml is empty: running on the built-in defaults.*"),
                    logs.list.get(0).getFormattedMessage());
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void should_accept_the_logging_level_variable_and_refuse_a_misspelt_level() throws IOException {
        assertEquals(4, load("", Map.of("QUORUM_LOG_LEVEL", "debug", "QUORUM_JAVA_OPTS", "-Xmx1g")).agents().size());
        ConfigException e = failure("", Map.of("QUORUM_LOG_LEVEL", "verbose"));
        assertTrue(e.getMessage().contains("QUORUM_LOG_LEVEL is 'verbose'; expected one of [DEBUG, ERROR, INFO, OFF, TRACE, WARN]"), e.getMessage());
    }

    @Test
    void should_accept_the_two_log_formats_and_refuse_any_other() throws IOException {
        assertEquals(4, load("", Map.of("QUORUM_LOG_FORMAT", "json")).agents().size());
        assertEquals(4, load("", Map.of("QUORUM_LOG_FORMAT", "text")).agents().size());
        ConfigException e = failure("", Map.of("QUORUM_LOG_FORMAT", "JSON"));
        assertEquals("environment variable QUORUM_LOG_FORMAT is 'JSON'; expected one of [json, text]", e.getMessage());
    }
}
