package dev.quorum.orchestrator.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;

/**
 * Secrets never live in the YAML file (it gets committed, copied, pasted into tickets): the HTTP token, a Redis
 * password and the Alpaca keys come from the environment or the credentials file only.
 */
final class SecretsPolicy {

    private SecretsPolicy() {
    }

    static void rejectSecretsIn(JsonNode fileTree, Path file) {
        JsonNode token = fileTree.path("http").path("token");
        if (!token.isMissingNode() && !token.isNull()) {
            throw new ConfigException("http.token", "must not be written in the configuration file " + file
                    + ": set the environment variable QUORUM_HTTP_TOKEN or put QUORUM_HTTP_TOKEN=... in the credentials file");
        }
        JsonNode alpaca = fileTree.path("market").path("sync").path("alpaca");
        for (String key : new String[] {"key_id", "secret_key"}) {
            JsonNode value = alpaca.path(key);
            if (!value.isMissingNode() && !value.isNull()) {
                String variable = "QUORUM_MARKET_SYNC_ALPACA_" + key.toUpperCase(java.util.Locale.ROOT);
                throw new ConfigException("market.sync.alpaca." + key, "must not be written in the configuration file " + file
                        + ": set the environment variable " + variable + " or put " + variable + "=... in the credentials file");
            }
        }
        JsonNode redisUrl = fileTree.path("redis").path("url");
        if (redisUrl.isTextual() && RedisConfig.hasPassword(redisUrl.asText())) {
            throw new ConfigException("redis.url", "carries a password in the configuration file " + file + " ("
                    + RedisConfig.redact(redisUrl.asText()) + "): set QUORUM_REDIS_URL in the environment or the credentials file");
        }
    }
}
