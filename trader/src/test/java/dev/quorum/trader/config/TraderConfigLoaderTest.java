package dev.quorum.trader.config;

import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraderConfigLoaderTest {

    private static String error(String yaml, Map<String, String> env) {
        TraderConfigException e = assertThrows(TraderConfigException.class,
                () -> new TraderSetup(TraderConfigLoader.parse("t.yaml", yaml), TraderEnvironment.from(env)));
        assertEquals(1, e.getMessage().lines().count(), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void should_load_the_shipped_example_with_the_documented_defaults() {
        TraderSetup setup = TraderConfigLoader.load(ProjectPaths.root().resolve("config/trader.example.yaml"), Map.of());
        assertEquals(TraderConfig.defaults(), setup.config());
        assertEquals(URI.create(BrokerSettings.PAPER_URL), setup.alpacaBaseUrl());
        assertEquals(0.6, setup.config().policy().minConfidence());
        assertEquals(5, setup.config().policy().holdingSessions());
        assertEquals("simulated", setup.config().broker().kind());
    }

    @Test
    void should_name_an_unknown_key_and_the_keys_it_could_be() {
        String message = error("policy: {min_confidense: 0.7}\n", Map.of());
        assertTrue(message.startsWith("t.yaml: policy.min_confidense: unknown key; did you mean min_confidence? expected one of"
                + " [allow_short,"), message);
    }

    @Test
    void should_report_a_yaml_syntax_error_in_one_line_with_its_line_and_column() {
        assertEquals("t.yaml line 2, column 1: expected ',' or ']', but got <stream end> (while parsing a flow sequence that"
                + " starts at line 1, column 9)", error("policy: [1\n", Map.of()));
        assertEquals("t.yaml line 2, column 1: a tab character, which YAML does not allow in indentation (indent with spaces)",
                error("policy:\n\tmin_confidence: 0.5\n", Map.of()));
    }

    @Test
    void should_say_a_list_was_written_where_a_mapping_belongs_naming_the_key() {
        assertEquals("t.yaml: policy: expected a mapping (key: value lines), got a list", error("policy: [1]\n", Map.of()));
        assertEquals("t.yaml: broker: expected a mapping (key: value lines), got a text value", error("broker: alpaca\n", Map.of()));
    }

    @Test
    void should_refuse_a_key_written_twice_instead_of_keeping_the_last() {
        // Before, the second min_confidence silently won: a threshold of 0.1 where the file reads 0.6 first.
        assertEquals("t.yaml: key 'min_confidence' is set twice, the second time on line 3 (YAML would silently keep the"
                + " last; remove one)", error("policy:\n  min_confidence: 0.6\n  min_confidence: 0.1\n", Map.of()));
    }

    @Test
    void should_not_echo_a_password_in_a_url_it_refuses() {
        for (String url : new String[] {"http://bob:hunter2secret@quorum_api:8088", "http://bob:hunter2secret@10.0.0.5:8088",
                "http://bob:hunter2 secret@10.0.0.5:8088"}) {
            String message = error("feedback: {quorum_url: \"" + url + "\"}\n", Map.of());
            assertTrue(message.startsWith("t.yaml: feedback.quorum_url: "), message);
            assertTrue(!message.contains("hunter2"), message);
        }
    }

    @Test
    void should_name_an_out_of_range_value_and_a_wrong_type() {
        assertEquals("t.yaml: policy.min_confidence: must be in [0.0, 1.0], was 1.5", error("policy: {min_confidence: 1.5}\n", Map.of()));
        assertTrue(error("policy: {holding_sessions: five}\n", Map.of()).startsWith("t.yaml: policy.holding_sessions: "));
        assertEquals("t.yaml: broker.kind: must be simulated or alpaca, was ib", error("broker: {kind: ib}\n", Map.of()));
    }

    @Test
    void should_refuse_live_trading_on_one_switch_and_the_live_endpoint_without_it() {
        Map<String, String> keys = Map.of("APCA_API_KEY_ID", "k", "APCA_API_SECRET_KEY", "s");
        assertEquals("broker.live: true also needs QUORUM_TRADER_CONFIRM_LIVE=yes in the environment; refusing to trade real "
                + "money on one switch", error("broker: {kind: alpaca, live: true}\n", keys));
        assertTrue(error("broker: {kind: alpaca, alpaca_url: \"https://api.alpaca.markets\"}\n", keys)
                .startsWith("broker.alpaca_url: https://api.alpaca.markets is the live endpoint"));
        TraderSetup live = new TraderSetup(TraderConfigLoader.parse("t.yaml", "broker: {kind: alpaca, live: true}\n"),
                TraderEnvironment.from(Map.of("APCA_API_KEY_ID", "k", "APCA_API_SECRET_KEY", "s", "QUORUM_TRADER_CONFIRM_LIVE", "yes")));
        assertEquals(URI.create(BrokerSettings.LIVE_URL), live.alpacaBaseUrl());
    }

    @Test
    void should_ask_for_the_alpaca_keys_in_the_environment() {
        assertEquals("broker.kind: alpaca needs APCA_API_KEY_ID and APCA_API_SECRET_KEY in the environment",
                error("broker: {kind: alpaca}\n", Map.of()));
    }

    @Test
    void should_refuse_a_redis_password_in_the_file_and_take_the_url_from_the_environment() {
        assertTrue(error("stream: {redis_url: \"redis://:s3cret@127.0.0.1:6379/0\"}\n", Map.of())
                .startsWith("stream.redis_url: carries a password"));
        TraderSetup setup = new TraderSetup(TraderConfig.defaults(),
                TraderEnvironment.from(Map.of("QUORUM_TRADER_REDIS_URL", "redis://:s3cret@10.0.0.5:6379/0")));
        assertEquals("redis://:s3cret@10.0.0.5:6379/0", setup.redisUrl());
        assertTrue(!setup.environment().toString().contains("s3cret"));
    }
}
