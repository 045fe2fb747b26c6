package dev.quorum.envelope.consume;

import dev.quorum.envelope.json.EnvelopeJson;
import dev.quorum.envelope.Envelopes;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;

import java.util.Map;

/** Stream entries that no envelope publisher would write: what other producers or future versions may leave behind. */
final class RawEntries {

    private RawEntries() {
    }

    static String v2(UnifiedJedis redis, String stream) {
        String v2 = EnvelopeJson.encode(Envelopes.full()).replace("\"schema_version\":\"1\"", "\"schema_version\":\"2\"");
        return add(redis, stream, Map.of("data", v2));
    }

    static String notJson(UnifiedJedis redis, String stream) {
        return add(redis, stream, Map.of("data", "{not json"));
    }

    static String invalidBody(UnifiedJedis redis, String stream) {
        String outOfBounds = EnvelopeJson.encode(Envelopes.full()).replace("\"confidence\":0.72", "\"confidence\":7.2");
        return add(redis, stream, Map.of("data", outOfBounds));
    }

    static String noDataField(UnifiedJedis redis, String stream) {
        return add(redis, stream, Map.of("payload", "{}"));
    }

    private static String add(UnifiedJedis redis, String stream, Map<String, String> fields) {
        return redis.xadd(stream, StreamEntryID.NEW_ENTRY, fields).toString();
    }
}
