package dev.quorum.orchestrator.config;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The HTTP API and dashboard of {@code serve}.
 *
 * @param enabled whether {@code serve} starts it
 * @param bind    the address to listen on; loopback by default, anything else exposes the API
 * @param port    the TCP port; 0 picks a free one (tests)
 * @param token   the bearer token every request must carry; only from {@code QUORUM_HTTP_TOKEN} or the credentials
 *                file, never the YAML; absent = no authentication (acceptable on loopback only)
 */
public record HttpConfig(Boolean enabled, String bind, Integer port, String token) {

    public HttpConfig {
        ConfigCheck.present("enabled", enabled);
        ConfigCheck.text("bind", bind);
        ConfigCheck.between("port", port, 0, 65535);
        if (token != null && token.getBytes(StandardCharsets.UTF_8).length < 16) {
            throw ConfigCheck.invalid("token", "must be at least 16 bytes long (generate one with: openssl rand -hex 32)");
        }
    }

    public Optional<String> bearerToken() {
        return Optional.ofNullable(token);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "HttpConfig[enabled=" + enabled + ", bind=" + bind + ", port=" + port + ", token="
                + (token == null ? "none" : "***") + "]";
    }
}
